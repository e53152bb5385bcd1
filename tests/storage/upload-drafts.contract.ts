// UploadDraftStore contract (DATA_DIR/uploads folder, PostgreSQL): a draft read back byte for
// byte by id, removed after publish, purged once older than the cutoff; malformed ids find nothing.
import { describe, expect, it } from 'vitest';
import type { UploadDraft, UploadDraftStore } from '../../src/storage/upload-drafts.js';
import { PDF_BYTES } from './document-store.contract.js';

export function runUploadDraftsContract(name: string, make: () => UploadDraftStore | Promise<UploadDraftStore>): void {
  describe(`UploadDraftStore contract (${name})`, () => {
    const draft = (id: string, createdAt = new Date()): UploadDraft => ({ id, fileName: '青田县大棚补助.pdf', sha256: 'a'.repeat(64), docId: 'qt-greenhouse', createdAt, bytes: PDF_BYTES });

    it('keeps a draft byte for byte until it is removed', async () => {
      const s = await make();
      const at = new Date();
      await s.save(draft('draft-aaaaaaaaaaaaaaaa', at));
      const got = await s.get('draft-aaaaaaaaaaaaaaaa');
      expect(got).toMatchObject({ id: 'draft-aaaaaaaaaaaaaaaa', fileName: '青田县大棚补助.pdf', docId: 'qt-greenhouse', sha256: 'a'.repeat(64) });
      expect(got!.createdAt.getTime()).toBe(at.getTime());
      expect(Buffer.from(got!.bytes).equals(Buffer.from(PDF_BYTES))).toBe(true);
      expect(await s.get('draft-bbbbbbbbbbbbbbbb')).toBeUndefined();
      expect(await s.get('../../etc/passwd')).toBeUndefined();
      await s.remove('draft-aaaaaaaaaaaaaaaa');
      expect(await s.get('draft-aaaaaaaaaaaaaaaa')).toBeUndefined();
    });

    it('purges drafts older than the cutoff', async () => {
      const s = await make();
      await s.save(draft('draft-cccccccccccccccc'));
      expect(await s.purgeOlderThan(new Date(Date.now() - 3600_000))).toBe(0);
      expect(await s.get('draft-cccccccccccccccc')).toBeDefined();
      expect(await s.purgeOlderThan(new Date(Date.now() + 3600_000))).toBe(1);
      expect(await s.get('draft-cccccccccccccccc')).toBeUndefined();
    });
  });
}
