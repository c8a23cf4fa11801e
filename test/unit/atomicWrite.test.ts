import * as assert from 'assert';
import { AtomicFileSystem, TargetExistsError, isAbsoluteTarget, writeFileAtomically } from '../../src/core/support/atomicWrite';

/** Files in memory; `failAfter` bytes into a write, the disk is full. */
function memoryFs(files: Map<string, Uint8Array>, failAfter?: number): AtomicFileSystem & { exists(path: string): Promise<boolean> } {
  return {
    writeFile: async (path, data) => {
      if (failAfter !== undefined && data.length > failAfter) {
        files.set(path, data.slice(0, failAfter));
        throw new Error('ENOSPC: no space left on device');
      }
      files.set(path, data);
    },
    rename: async (from, to, { overwrite }) => {
      if (!overwrite && files.has(to)) {
        throw new Error('EEXIST');
      }
      files.set(to, files.get(from) as Uint8Array);
      files.delete(from);
    },
    delete: async (path) => {
      files.delete(path);
    },
    exists: async (path) => files.has(path),
  };
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const encode = (value: string) => new TextEncoder().encode(value);

describe('Writing an export atomically', () => {
  it('leaves the old file whole and no partial file when the disk fills midway', async () => {
    const files = new Map([['/home/me/territories.csv', encode('old,export\n')]]);
    const fs = memoryFs(files, 5);
    await assert.rejects(writeFileAtomically(fs, '/home/me/territories.csv', encode('id,name\n1,Chennai\n'), { overwrite: true, exists: fs.exists }), /ENOSPC/);
    assert.deepStrictEqual([...files.keys()], ['/home/me/territories.csv'], 'no temporary file is left');
    assert.strictEqual(text(files.get('/home/me/territories.csv')), 'old,export\n');
  });

  it('writes beside the target, then renames over it', async () => {
    const files = new Map([['/home/me/territories.csv', encode('old')]]);
    const fs = memoryFs(files);
    const written: string[] = [];
    const spy = { ...fs, writeFile: (path: string, data: Uint8Array) => (written.push(path), fs.writeFile(path, data)) };
    await writeFileAtomically(spy, '/home/me/territories.csv', encode('new'), { overwrite: true, exists: fs.exists, random: () => 'r4nd' });
    assert.deepStrictEqual(written, ['/home/me/.territories.csv.r4nd.tmp']);
    assert.deepStrictEqual([...files.entries()].map(([path, data]) => [path, text(data)]), [['/home/me/territories.csv', 'new']]);
  });

  it('does not overwrite an existing file unless told to', async () => {
    const files = new Map([['/home/me/territories.csv', encode('old')]]);
    const fs = memoryFs(files);
    await assert.rejects(writeFileAtomically(fs, '/home/me/territories.csv', encode('new'), { overwrite: false, exists: fs.exists }), TargetExistsError);
    assert.strictEqual(text(files.get('/home/me/territories.csv')), 'old');
    // One that appears between the check and the rename: the rename refuses, and nothing is left.
    let checks = 0;
    const late = { ...fs, exists: async (path: string) => checks++ > 0 && fs.exists(path) };
    await assert.rejects(writeFileAtomically(late, '/home/me/territories.csv', encode('new'), { overwrite: false, exists: late.exists }), TargetExistsError);
    assert.deepStrictEqual([...files.keys()], ['/home/me/territories.csv']);
    await writeFileAtomically(fs, '/home/me/new.csv', encode('new'), { overwrite: false, exists: fs.exists });
    assert.strictEqual(text(files.get('/home/me/new.csv')), 'new');
  });
});

describe('A script\'s export target', () => {
  it('must be an absolute path: a connection\'s name in its place is refused, not written at the root', () => {
    assert.strictEqual(isAbsoluteTarget('Production', 'linux'), false);
    assert.strictEqual(isAbsoluteTarget('out/territories.csv', 'darwin'), false);
    assert.strictEqual(isAbsoluteTarget('./territories.csv', 'linux'), false);
    assert.strictEqual(isAbsoluteTarget('/tmp/territories.csv', 'linux'), true);
    assert.strictEqual(isAbsoluteTarget('C:\\Users\\me\\territories.csv', 'win32'), true);
    assert.strictEqual(isAbsoluteTarget('\\\\server\\share\\t.csv', 'win32'), true);
    assert.strictEqual(isAbsoluteTarget('C:territories.csv', 'win32'), false, 'relative to C:\'s current folder');
    assert.strictEqual(isAbsoluteTarget('\\territories.csv', 'win32'), false, 'relative to the current drive');
    assert.strictEqual(isAbsoluteTarget('C:\\territories.csv', 'linux'), false);
  });
});
