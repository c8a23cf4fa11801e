import * as assert from 'assert';
import { scriptTargetKind } from '../../src/core/commands/scriptTarget';

describe('scriptTargetKind: what a script\'s "uri" option names', () => {
  it('takes a scheme for a URI string', () => {
    assert.strictEqual(scriptTargetKind('file:///home/me/org.zoho-territories.json', 'linux'), 'uri');
    assert.strictEqual(scriptTargetKind('vscode-remote://ssh-remote+box/home/me/org.zoho-territories.json', 'win32'), 'uri');
  });

  it('takes an absolute path for a path, Windows forms on Windows', () => {
    assert.strictEqual(scriptTargetKind('/home/me/org.zoho-territories.json', 'linux'), 'path');
    assert.strictEqual(scriptTargetKind('C:\\Users\\me\\org.zoho-territories.json', 'win32'), 'path');
    assert.strictEqual(scriptTargetKind('c:/Users/me/org.zoho-territories.json', 'win32'), 'path', 'a drive letter is no scheme');
    assert.strictEqual(scriptTargetKind('\\\\server\\share\\org.zoho-territories.json', 'win32'), 'path');
  });

  it('refuses a relative path, which would be taken from wherever VS Code runs', () => {
    assert.strictEqual(scriptTargetKind('org.zoho-territories.json', 'linux'), 'relative');
    assert.strictEqual(scriptTargetKind('territories/org.zoho-territories.json', 'darwin'), 'relative');
    assert.strictEqual(scriptTargetKind('.\\org.zoho-territories.json', 'win32'), 'relative');
    // Outside Windows a drive path would become the relative file name "c:\…".
    assert.strictEqual(scriptTargetKind('C:\\Users\\me\\org.zoho-territories.json', 'linux'), 'relative');
  });
});
