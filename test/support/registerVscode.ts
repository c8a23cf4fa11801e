/** Loaded by mocha (.mocharc.json `require`): `import 'vscode'` in plain Node gets test/support/vscode.ts. */
import Module from 'module';

const stub = require.resolve('./vscode');
const withResolve = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = withResolve._resolveFilename;
withResolve._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
