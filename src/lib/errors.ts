/** Domain errors carry a stable code; the web and the command line map them to a page, JSON or an exit code. */
export class DomainError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
    this.name = new.target.name
  }
}

export class NotFoundError extends DomainError {
  constructor(readonly entity: string, readonly key: string | number) {
    super(`${entity}_not_found`, `No ${entity} “${key}” was found.`)
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, readonly problems: string[] = []) {
    super('invalid_input', message)
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message)
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You may not do this.') {
    super('forbidden', message)
  }
}
