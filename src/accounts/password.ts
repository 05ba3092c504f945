import { hash, verify } from '@node-rs/argon2'

// argon2id (algorithm 2) with the library's defaults: 19 MiB, 2 passes, as OWASP recommends.
const ARGON2ID = 2

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID })

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Checking a password for an unknown email costs the same as for a known one, so timing tells nothing.
let dummyHash: Promise<string> | undefined
export async function verifyAgainstNothing(password: string) {
  dummyHash ??= hashPassword('no such account')
  await verifyPassword(await dummyHash, password)
  return false
}
