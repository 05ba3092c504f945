// Minimal types for az 0.2.3 (OpenCorpora morphology; the package ships none).
declare module 'az' {
  export interface AzTag {
    readonly stat: string[]
    readonly flex: string[]
    readonly POS?: string
    readonly CAse?: string
    readonly GNdr?: string
    readonly NMbr?: string
    toString(): string
    matches(grammemes: string[] | Record<string, unknown>): boolean
    readonly [grammeme: string]: unknown
  }
  export interface AzParse {
    readonly word: string
    readonly tag: AzTag
    readonly score: number
    readonly parser?: string
    readonly formCnt?: number
    normalize(keepPOS?: boolean): AzParse | false
    inflect(grammemes: string[] | Record<string, unknown> | number): AzParse | false
    toString(): string
  }
  export interface AzMorph {
    (word: string, config?: Record<string, unknown>): AzParse[]
    init(path: string, callback?: (err: Error | null) => void): void
  }
  const Az: {
    load(url: string, responseType: string, callback: (err: Error | null, data?: unknown) => void): void
    Morph: AzMorph
  }
  export default Az
}
