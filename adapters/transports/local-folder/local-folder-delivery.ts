/**
 * Local-folder delivery: each file written as '.<name>.part' in the folder, flushed to disk,
 * then renamed into place (atomic on one file system), so a watcher or a file share never sees
 * half a file. A file already there with the same bytes is left alone (idempotent re-delivery).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import type { Delivery } from '../../../lib/billing/delivery';
import type { ExportFile } from '../../../lib/billing/export';

export class LocalFolderDelivery implements Delivery {
  readonly target: string;

  constructor(private readonly folder: string) {
    this.target = `file://${path.resolve(folder)}`;
  }

  async deliver(files: readonly ExportFile[]): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    for (const f of files) {
      const final = path.join(this.folder, f.name);
      const existing = await readFile(final).catch(() => undefined);
      if (existing?.equals(f.bytes)) continue;
      const temp = path.join(this.folder, `.${f.name}.part`);
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(f.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, final);
    }
  }
}
