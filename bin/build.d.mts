/** The URL of dist/chronicle.js when dist/ was built from the files as they are now; null when missing or stale. */
export function currentBuild(): string | null
/** Builds dist/ afresh; resolves to the URL of dist/chronicle.js. */
export function build(): Promise<string>
