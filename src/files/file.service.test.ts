import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { filesUnder, makeDocx, makePdf, makePng, makeZip } from '../../test/upload-fixtures.ts'
import {
  DOCUMENT_KINDS, findPublicFile, formatFileSize, IMAGE_KINDS, safeFileName, storedFilePath, storeUpload, UploadRefusedError,
} from './file.service.ts'

const documents = { allowed: DOCUMENT_KINDS, maxBytes: 64 * 1024 }

describe('download names', () => {
  it('keeps a plain name and the extension of the real type, lower-cased', () => {
    expect(safeFileName('Annual report 2024.PDF', 'pdf')).toBe('Annual report 2024.pdf')
    expect(safeFileName('Отчёт «Доверие».docx', 'docx')).toBe('Отчёт «Доверие».docx')
    expect(safeFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg')
  })

  it('adds the real extension to a name without one and cleans what breaks downloads', () => {
    expect(safeFileName('report', 'pdf')).toBe('report.pdf')
    expect(safeFileName('  .hidden.pdf', 'pdf')).toBe('hidden.pdf')
    expect(safeFileName('a:b*c?"d<e>|f.pdf', 'pdf')).toBe('a_b_c__d_e__f.pdf')
    expect(safeFileName('.pdf', 'pdf')).toBe('file.pdf')
    expect(safeFileName(`${'x'.repeat(500)}.pdf`, 'pdf')).toBe(`${'x'.repeat(120)}.pdf`)
  })

  it('refuses names with a folder path or control characters instead of guessing', () => {
    for (const name of ['../../etc/passwd.pdf', '..\\..\\boot.ini.pdf', '/etc/passwd.pdf', 'C:\\Users\\me\\report.pdf', '..']) {
      expect(() => safeFileName(name, 'pdf'), name).toThrow(/folder path/)
    }
    for (const name of ['evil\u0000.pdf', 'line\nbreak.pdf', 'report\u202Efdp.pdf']) {
      expect(() => safeFileName(name, 'pdf'), JSON.stringify(name)).toThrow(/control or invisible/)
    }
  })

  it('sizes read as people write them', () => {
    expect([formatFileSize(820), formatFileSize(14_500), formatFileSize(2_500_000), formatFileSize(30 * 1024 * 1024)])
      .toEqual(['820 bytes', '14 KB', '2.4 MB', '30 MB'])
  })
})

describeEachDialect('storing uploads', (dialect) => {
  const db = useTestDb(dialect)
  const filesDir = mkdtempSync(join(tmpdir(), 'chronicle-files-'))
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }))
  const storedRows = async () => (await db().db.selectFrom('stored_file').select('sha256').execute()).length

  it('stores by content hash, atomically, once for the same bytes', async () => {
    const pdf = makePdf('once')
    const first = await storeUpload(db().db, filesDir, { bytes: pdf, fileName: 'report.pdf' }, documents)
    const again = await storeUpload(db().db, filesDir, { bytes: pdf, fileName: 'other name.pdf' }, documents)
    expect(first.created).toBe(true)
    expect(again.created).toBe(false)
    expect(again.file.id).toBe(first.file.id)
    expect(again.fileName).toBe('other name.pdf')
    expect(first.file).toMatchObject({ size: pdf.length, mime: 'application/pdf' })
    const path = storedFilePath(filesDir, first.file.sha256)
    expect(path).toBe(join(filesDir, first.file.sha256.slice(0, 2), first.file.sha256.slice(2, 4), first.file.sha256))
    expect(new Uint8Array(readFileSync(path))).toEqual(pdf)
    // No temporary file is left beside it.
    expect(filesUnder(filesDir)).toEqual([join(first.file.sha256.slice(0, 2), first.file.sha256.slice(2, 4), first.file.sha256)])
  })

  it('recognises DOCX and XLSX inside their zip containers, and refuses a plain zip', async () => {
    const docx = await storeUpload(db().db, filesDir, { bytes: makeDocx(), fileName: 'notes.docx' }, documents)
    expect(docx.kind).toBe('docx')
    const xlsx = makeZip([
      ['[Content_Types].xml', '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'],
      ['xl/workbook.xml', '<workbook/>'],
    ])
    expect((await storeUpload(db().db, filesDir, { bytes: xlsx, fileName: 'tables.xlsx' }, documents)).kind).toBe('xlsx')
    const before = await storedRows()
    await expect(storeUpload(db().db, filesDir, { bytes: makeZip([['a.txt', 'hello']]), fileName: 'archive.docx' }, documents))
      .rejects.toThrow('“archive.docx” is a ZIP file; only PDF, DOCX, XLSX, PNG, JPEG, WebP or GIF files are accepted here.')
    expect(await storedRows()).toBe(before)
  })

  it('refuses in order, and a refusal stores nothing', async () => {
    const before = await storedRows()
    const onDisk = filesUnder(filesDir).length
    const refusal = async (bytes: Uint8Array, fileName: string, policy = documents) => {
      const error = await storeUpload(db().db, filesDir, { bytes, fileName }, policy).then(() => null, (e: unknown) => e)
      expect(error).toBeInstanceOf(UploadRefusedError)
      return error as UploadRefusedError
    }
    expect((await refusal(new Uint8Array(), '../../etc/passwd.pdf')).reason).toBe('empty')
    const big = new Uint8Array(documents.maxBytes + 1)
    big.set(makePdf())
    expect(await refusal(big, 'big.png')).toMatchObject({ reason: 'too_large', message: 'The file is 64 KB; the limit is 64 KB. Nothing was stored.' })
    const png = await refusal(makePng(), 'report.pdf')
    expect(png.message).toBe('This file is a PNG image, not a PDF, though its name “report.pdf” ends in .pdf. Nothing was stored.')
    expect((await refusal(makePdf(), 'report.txt')).message).toMatch(/^This file is a PDF, but its name “report.txt” ends in .txt/)
    expect((await refusal(new TextEncoder().encode('<script>alert(1)</script>'), 'page.pdf')).reason).toBe('type')
    expect((await refusal(makePdf(), 'portrait.pdf', { allowed: IMAGE_KINDS, maxBytes: 1e6 })).message)
      .toBe('“portrait.pdf” is a PDF; only PNG, JPEG, WebP or GIF files are accepted here. Nothing was stored.')
    expect((await refusal(makePdf('traversal'), '../../etc/passwd.pdf')).reason).toBe('name')
    expect(await storedRows()).toBe(before)
    expect(filesUnder(filesDir).length).toBe(onDisk)
  })

  it('serves only files in use: a stored file nobody uses is not found', async () => {
    const orphan = await storeUpload(db().db, filesDir, { bytes: makePdf('orphan'), fileName: 'orphan.pdf' }, documents)
    await expect(findPublicFile(db().db, orphan.file.sha256)).rejects.toThrow(/No file/)
    await expect(findPublicFile(db().db, 'not-a-hash')).rejects.toThrow(/No file/)
  })
})
