// The local back-end of `python build.py serve`: a stand-in for the browser's File System Access API
// (window.showDirectoryPicker), which Sveltia CMS uses for "Work with local repository". Each handle reads and
// writes through the preview server's file API (files/ beside this page), which serves content/ only, shows
// layout-A entry folders as layout B and writes them back as layout A (innosite/editor/files.py).
// No folder picker appears, so it works in any browser, and in the tests.
(() => {
  'use strict';
  const API = new URL('files/', document.baseURI);
  const TEMP = '.sveltia-tmp-';
  const join = (a, b) => (a ? `${a}/${b}` : b);
  const error = (name, message) => new DOMException(message || name, name);
  const NAMES = { 400: 'TypeError', 403: 'NotAllowedError', 404: 'NotFoundError', 409: 'InvalidModificationError' };

  async function call(action, path, init = {}) {
    const url = new URL(action, API);
    if (path !== undefined) url.searchParams.set('path', path);
    const answer = await fetch(url, { ...init, headers: { 'X-Innosite-Editor': '1', ...(init.headers || {}) } });
    if (!answer.ok) {
      const text = await answer.text();
      throw error(NAMES[answer.status] || 'InvalidStateError', `${path}: ${text}`);
    }
    return answer;
  }

  const list = async (path) => (await call('list', path)).json();

  class Handle {
    constructor(path, name, kind) {
      this.path = path;
      this.name = name;
      this.kind = kind;
    }
    async queryPermission() { return 'granted'; }
    async requestPermission() { return 'granted'; }
    async isSameEntry(other) { return other?.path === this.path && other?.kind === this.kind; }
  }

  class FileHandle extends Handle {
    constructor(path, name, pending = null) {
      super(path, name, 'file');
      this.pending = pending; // a temporary file of the editor's: kept here until it is moved into place
    }
    async getFile() {
      if (this.pending) return new File([this.pending], this.name);
      const answer = await call('file', this.path);
      const modified = Date.parse(answer.headers.get('Last-Modified') || '') || Date.now();
      return new File([await answer.blob()], this.name, { lastModified: modified });
    }
    async createWritable() {
      const parts = [];
      const handle = this;
      return {
        async write(data) {
          if (data && typeof data === 'object' && data.type === 'write') data = data.data;
          parts.push(data);
        },
        async close() {
          const body = new Blob(parts);
          if (handle.name.startsWith(TEMP)) handle.pending = body;
          else await call('file', handle.path, { method: 'PUT', body });
        },
        async abort() { parts.length = 0; },
      };
    }
    async move(folder, name) {
      const to = join(folder.path, name);
      if (this.pending) {
        await call('file', to, { method: 'PUT', body: this.pending });
        this.pending = null;
      } else {
        await call('move', undefined, { method: 'POST', body: JSON.stringify({ from: this.path, to }) });
      }
      this.path = to;
      this.name = name;
    }
  }

  class DirHandle extends Handle {
    constructor(path, name) { super(path, name, 'directory'); }
    async *entries() {
      for (const { name, kind } of await list(this.path)) {
        const path = join(this.path, name);
        yield [name, kind === 'directory' ? new DirHandle(path, name) : new FileHandle(path, name)];
      }
    }
    async *keys() { for await (const [name] of this.entries()) yield name; }
    async *values() { for await (const [, handle] of this.entries()) yield handle; }
    [Symbol.asyncIterator]() { return this.entries(); }
    async getDirectoryHandle(name, { create = false } = {}) {
      const path = join(this.path, name);
      const found = (await list(this.path)).find((item) => item.name === name);
      if (found?.kind === 'file') throw error('TypeMismatchError', path);
      if (!found) {
        if (!create) throw error('NotFoundError', path);
        await call('dir', path, { method: 'PUT' });
      }
      return new DirHandle(path, name);
    }
    async getFileHandle(name, { create = false } = {}) {
      const path = join(this.path, name);
      if (name.startsWith(TEMP)) {
        if (!create) throw error('NotFoundError', path);
        return new FileHandle(path, name, new Blob([]));
      }
      const found = (await list(this.path)).find((item) => item.name === name);
      if (found?.kind === 'directory') throw error('TypeMismatchError', path);
      if (!found && !create) throw error('NotFoundError', path);
      return new FileHandle(path, name);
    }
    async removeEntry(name, { recursive = false } = {}) {
      if (name.startsWith(TEMP)) return;
      await call(`entry?recursive=${recursive ? 1 : 0}`, join(this.path, name), { method: 'DELETE' });
    }
    async resolve(handle) {
      if (handle.path === this.path) return [];
      return handle.path.startsWith(`${this.path}/`) || !this.path
        ? handle.path.slice(this.path ? this.path.length + 1 : 0).split('/')
        : null;
    }
  }

  window.showDirectoryPicker = async () => new DirHandle('', 'content');
})();
