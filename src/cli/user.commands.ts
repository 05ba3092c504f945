import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { type Command, Option } from 'commander'
import { addUser, changePassword, listUsers, setUserDisabled, USER_ROLES } from '../accounts/user.service.ts'
import { audit } from '../accounts/audit.service.ts'
import type { UserRole } from '../db/database.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { withDatabase } from './context.ts'

/** The password from standard input: typed at a hidden prompt on a terminal, else the first line of a pipe. */
async function readPassword(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    let muted = false
    const output = new Writable({ write(chunk, _encoding, done) { if (!muted) process.stderr.write(chunk); done() } })
    const rl = createInterface({ input: process.stdin, output, terminal: true })
    const answer = await new Promise<string>((resolve) => { rl.question(prompt, resolve); muted = true })
    rl.close()
    process.stderr.write('\n')
    return answer
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
  if (!line) throw new InvalidInputError('No password on standard input. Pipe it in, e.g. printf "%s\\n" "$PASSWORD" | npx chronicle user add …')
  return line
}

export function registerUserCommands(program: Command) {
  const user = program.command('user').description('manage the accounts that may sign in to the admin')

  user.command('add')
    .description('create an account; the password is read from standard input')
    .requiredOption('--email <email>', 'email address, used to sign in')
    .addOption(new Option('--role <role>', 'what the account may do').choices(USER_ROLES).makeOptionMandatory())
    .option('--name <name>', 'name shown in the admin (default: the part of the email before @)')
    .action(async (options: { email: string; role: UserRole; name?: string }) => {
      const password = await readPassword('Password: ')
      const created = await withDatabase(async ({ db }) => {
        const u = await addUser(db, { email: options.email, role: options.role, name: options.name, password })
        await audit(db, { action: 'user-added', email: u.email, targetType: 'user', targetId: u.id, detail: { role: u.role, via: 'command line' } })
        return u
      })
      console.log(`Created ${created.role} account ${created.email}. Sign in at /admin/login.`)
    })

  user.command('passwd')
    .description('set a new password (read from standard input) and sign the account out everywhere')
    .requiredOption('--email <email>', 'the account')
    .action(async (options: { email: string }) => {
      const password = await readPassword('New password: ')
      await withDatabase(async ({ db }) => {
        const u = await changePassword(db, options.email, password)
        await audit(db, { action: 'password-changed', email: u.email, targetType: 'user', targetId: u.id, detail: { via: 'command line' } })
      })
      console.log(`Password changed for ${options.email.trim().toLowerCase()}; its sessions were signed out.`)
    })

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user.command(name)
      .description(disabled ? 'stop an account from signing in and end its sessions' : 'let a disabled account sign in again')
      .requiredOption('--email <email>', 'the account')
      .action(async (options: { email: string }) => {
        await withDatabase(async ({ db }) => {
          const u = await setUserDisabled(db, options.email, disabled)
          await audit(db, { action: disabled ? 'user-disabled' : 'user-enabled', email: u.email, targetType: 'user', targetId: u.id, detail: { via: 'command line' } })
        })
        console.log(`${options.email.trim().toLowerCase()} is ${disabled ? 'disabled' : 'enabled'}.`)
      })
  }

  user.command('list')
    .description('list the accounts')
    .action(async () => {
      const users = await withDatabase(({ db }) => listUsers(db))
      if (!users.length) return console.log('No accounts yet. Create the first admin: npx chronicle user add --email you@example.org --role admin')
      for (const u of users) {
        console.log([u.email.padEnd(32), u.role.padEnd(7), u.disabled_at ? 'disabled' : 'active  ', u.totp_enabled ? '2fa' : '   ', u.name].join(' '))
      }
    })
}
