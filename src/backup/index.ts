export { createBackup, readBackup, restoreBackup, rotateBackups, backupFileName, BackupRefusedError, type BackupResult, type RestoreResult } from './backup.service.ts'
export { BACKUP_FORMAT_VERSION, type Manifest } from './backup.format.ts'
