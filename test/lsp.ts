/**
 * A minimal Language Server Protocol client for tests: runs the real yaml-language-server
 * (the engine of VS Code's YAML extension) over stdio with Content-Length framing, as an
 * editor would, without an editor.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.js';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

export interface CompletionItem {
  label: string;
  insertText?: string;
  documentation?: unknown;
}

type Message = { jsonrpc: '2.0'; id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };

export class YamlLanguageServer {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly diagnostics = new Map<string, { version?: number; list: LspDiagnostic[] }>();
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  /** `workspace`: the folder opened in the editor (its relative `yaml.schemas` paths start there). */
  constructor(
    private readonly settings: Record<string, unknown> = {},
    private readonly workspace = ROOT,
  ) {
    this.proc = spawn(process.execPath, [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], { cwd: ROOT });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdout.on('data', (d: Buffer) => this.receive(d));
  }

  private yamlSettings() {
    return { validate: true, completion: true, hover: true, schemaStore: { enable: false }, ...this.settings };
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method === undefined && msg.id !== undefined) {
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
      return;
    }
    if (msg.method !== undefined && msg.id !== undefined) {
      // A request from the server: its configuration, or registrations we accept.
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') {
        const items = (msg.params as { items: { section?: string }[] }).items;
        result = items.map((i) => (i.section === 'yaml' ? this.yamlSettings() : i.section === '[yaml]' ? {} : null));
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params as { uri: string; version?: number; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(p.uri, { version: p.version, list: p.diagnostics });
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private send(msg: Message): void {
    const text = JSON.stringify(msg);
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method}\n${this.stderr}`)), 30_000);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(JSON.stringify(m.error)));
        else resolve(m.result as T);
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(): Promise<void> {
    const rootUri = pathToFileURL(this.workspace).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ita-report' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} },
      },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: this.yamlSettings() } });
  }

  /** Opens a document (the text an editor has in memory) and waits for its diagnostics. */
  async open(file: string, text: string): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(file).href;
    this.diagnostics.delete(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return this.diagnosticsOf(uri);
  }

  /** Diagnostics of a document, waiting until the server has published them. */
  async diagnosticsOf(uri: string, timeoutMs = 30_000): Promise<LspDiagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.diagnostics.has(uri)) {
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
    return this.diagnostics.get(uri)!.list;
  }

  async completion(file: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = await this.request<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line, character },
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async hover(file: string, line: number, character: number): Promise<string> {
    const result = await this.request<{ contents: { value: string } | string } | null>('textDocument/hover', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line, character },
    });
    if (!result) return '';
    return typeof result.contents === 'string' ? result.contents : result.contents.value;
  }

  async close(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
