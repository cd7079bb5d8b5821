// The sandboxed preload: exposes exactly the contract's commands and events as `window.tribe`,
// nothing else (no generic channel passthrough).
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { commandNames, eventNames } from '../shared/ipc/names';
import type { CommandName, EventName } from '../shared/ipc/names';

const commands = new Set<string>(commandNames);
const events = new Set<string>(eventNames);

const tribe = {
  invoke(name: CommandName, request: unknown): Promise<unknown> {
    if (!commands.has(name)) return Promise.reject(new Error(`Unknown command ${String(name)}`));
    return ipcRenderer.invoke(`tribe:${name}`, request);
  },
  on(name: EventName, listener: (payload: unknown) => void): () => void {
    if (!events.has(name)) throw new Error(`Unknown event ${String(name)}`);
    const channel = `tribe:evt:${name}`;
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
};

contextBridge.exposeInMainWorld('tribe', tribe);
