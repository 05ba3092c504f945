import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'
import type { Db } from '../db/database.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { findUserById, updateUser } from './user.repository.ts'

const ISSUER = 'Chronicle'

/** A new secret, kept unconfirmed until the user proves their app shows the right code. */
export async function beginTotpSetup(db: Db, userId: number, now = new Date()) {
  const user = await findUserById(db, userId)
  if (!user) throw new InvalidInputError('No such account.')
  const secret = generateSecret()
  await updateUser(db, userId, { totp_secret: secret, totp_enabled: 0, updated_at: nowIso(now) })
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret })
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) }
}

export async function checkTotp(secret: string | null, code: string) {
  const token = code.replace(/\s+/g, '')
  if (!secret || !/^\d{6}$/.test(token)) return false
  // One step either side forgives a phone clock that is half a minute off.
  const result = await verify({ secret, token, epochTolerance: 30 })
  return result.valid
}

export async function confirmTotpSetup(db: Db, userId: number, code: string, now = new Date()) {
  const user = await findUserById(db, userId)
  if (!user?.totp_secret) throw new InvalidInputError('Start the two-factor setup first.')
  if (!await checkTotp(user.totp_secret, code)) throw new InvalidInputError('That code is not the one your app shows now. Try the current code.')
  await updateUser(db, userId, { totp_enabled: 1, updated_at: nowIso(now) })
}

export async function disableTotp(db: Db, userId: number, now = new Date()) {
  await updateUser(db, userId, { totp_secret: null, totp_enabled: 0, updated_at: nowIso(now) })
}
