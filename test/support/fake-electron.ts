/**
 * A recording fake of the `electron` module, for running the real entry
 * point and composition root where no Electron binary exists. Every object is
 * typed against Electron's own declarations (`Pick<Electron.X, …>` with
 * `satisfies`/`implements`), so a method the app calls that Electron 41 does
 * not have, or has with another signature, fails `tsc` here. Event
 * subscriptions (`on`) share one broad signature: Electron's `on` overloads
 * return the full class, which a fake cannot be. Each call is
 * appended to `calls` in order, which the tests read.
 */
import type * as Electron from 'electron';

/** Every recorded call, in order: `app.whenReady`, `new BrowserWindow`, `protocol.handle`… */
export const calls: string[] = [];
const record = (name: string) => {
  calls.push(name);
  control.onRecord?.(name);
};

type Listener = (...args: never[]) => void;

/** A minimal EventEmitter whose `on` fits every overload of Electron's (one broad signature). */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  /** Emits as Electron would; the test's side. */
  emit(event: string, ...args: unknown[]): boolean {
    const ls = this.listeners.get(event) ?? [];
    for (const l of ls) (l as (...a: unknown[]) => void)(...args);
    return ls.length > 0;
  }
}

/** What a test controls in the fake: the data folder, the lock, when the app is ready. */
export const control = {
  userData: '',
  gotLock: true,
  ready: undefined as (() => void) | undefined,
  exits: [] as number[],
  /** Called at each recorded call, as it happens (to look at the world at that moment). */
  onRecord: undefined as ((name: string) => void) | undefined,
};

const readyPromise = new Promise<void>((resolve) => (control.ready = resolve));

class FakeApp extends Emitter {
  isPackaged = false;
  enableSandbox(): void {
    record('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return control.gotLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady');
    return readyPromise;
  }
  quit(): void {
    record('app.quit');
  }
  exit(exitCode?: number): void {
    record('app.exit');
    control.exits.push(exitCode ?? 0);
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    return name === 'userData' ? control.userData : `${control.userData}/${name}`;
  }
  getAppPath(): string {
    return '/fake/app';
  }
  getName(): string {
    return 'Wazo Notifier';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
  setBadgeCount(count?: number): boolean {
    void count;
    return true;
  }
  setAppUserModelId(id: string): void {
    record(`app.setAppUserModelId ${id}`);
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    void settings;
    record('app.setLoginItemSettings');
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return { wasOpenedAtLogin: false } as Electron.LoginItemSettings;
  }
}
export const app = new FakeApp() satisfies Pick<
  Electron.App,
  | 'enableSandbox'
  | 'requestSingleInstanceLock'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'getPath'
  | 'getAppPath'
  | 'getName'
  | 'getVersion'
  | 'getLocale'
  | 'getPreferredSystemLanguages'
  | 'setBadgeCount'
  | 'setAppUserModelId'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'isPackaged'
>;

class FakeWebContents extends Emitter {
  readonly mainFrame = {} as Electron.WebFrameMain;
  readonly sent: string[] = [];
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    void handler;
  }
  send(channel: string, ...args: unknown[]): void {
    void args;
    this.sent.push(channel);
  }
  isDestroyed(): boolean {
    return false;
  }
}

/** The windows made, newest last. */
export const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow
  extends Emitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'restore'
      | 'minimize'
      | 'isMinimized'
      | 'isVisible'
      | 'isDestroyed'
      | 'getBounds'
    >
{
  readonly webContents = new FakeWebContents();
  visible = false;
  shows = 0;
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    record('new BrowserWindow');
    windows.push(this);
  }
  async loadURL(url: string): Promise<void> {
    record(`window.loadURL ${url}`);
  }
  show(): void {
    this.visible = true;
    this.shows++;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {}
  restore(): void {}
  minimize(): void {}
  isMinimized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return false;
  }
  getBounds(): Electron.Rectangle {
    return { x: 0, y: 0, width: 1100, height: 760 };
  }
}
export const BrowserWindow = FakeBrowserWindow;

/** The tray icons made. */
export const trays: FakeTray[] = [];

export class FakeTray
  extends Emitter
  implements Pick<Electron.Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'destroy' | 'isDestroyed'>
{
  destroyed = false;
  constructor(image: Electron.NativeImage | string) {
    super();
    void image;
    record('new Tray');
    trays.push(this);
  }
  setImage(image: Electron.NativeImage | string): void {
    void image;
  }
  setToolTip(toolTip: string): void {
    void toolTip;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    void menu;
  }
  destroy(): void {
    record('tray.destroy');
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}
export const Tray = FakeTray;

/** Every menu template built, newest last. */
export const menus: Electron.MenuItemConstructorOptions[][] = [];
export const Menu = {
  buildFromTemplate: (template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): Electron.Menu => {
    menus.push(template as Electron.MenuItemConstructorOptions[]);
    return {} as Electron.Menu;
  },
} satisfies Pick<typeof Electron.Menu, 'buildFromTemplate'>;

export const nativeImage = {
  createFromBuffer: (buffer: Buffer, options?: Electron.CreateFromBufferOptions): Electron.NativeImage => {
    void buffer;
    void options;
    return {} as Electron.NativeImage;
  },
} satisfies Pick<typeof Electron.nativeImage, 'createFromBuffer'>;

export class FakeNotification extends Emitter implements Pick<Electron.Notification, 'show' | 'close'> {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options?: Electron.NotificationConstructorOptions) {
    super();
  }
  show(): void {}
  close(): void {}
}
export const Notification = FakeNotification;

/** "Encrypts" by reversing and tagging: what the test seals, the app can open. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  setUsePlainTextEncryption: (usePlainText: boolean) => void usePlainText,
  encryptString: (plainText: string) => Buffer.from(`enc:${[...plainText].reverse().join('')}`),
  decryptString: (encrypted: Buffer) => [...encrypted.toString().slice(4)].reverse().join(''),
} satisfies Pick<
  Electron.SafeStorage,
  | 'isEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'setUsePlainTextEncryption'
  | 'encryptString'
  | 'decryptString'
>;

/** The protocol handlers, by scheme. */
export const protocolHandlers = new Map<string, (request: GlobalRequest) => Promise<GlobalResponse> | GlobalResponse>();
export const protocol = {
  registerSchemesAsPrivileged: (customSchemes: Electron.CustomScheme[]) =>
    record(`protocol.registerSchemesAsPrivileged ${customSchemes.map((s) => s.scheme).join()}`),
  handle: (scheme: string, handler: (request: GlobalRequest) => Promise<GlobalResponse> | GlobalResponse) => {
    protocolHandlers.set(scheme, handler);
    record(`protocol.handle ${scheme}`);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

const defaultSession = {
  setPermissionRequestHandler: (handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]) =>
    void handler,
  setPermissionCheckHandler: (handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]) => void handler,
} satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
export const session = { defaultSession } as unknown as typeof Electron.session;

/** The IPC handlers, by channel. */
export const ipcHandlers = new Map<string, unknown>();
export const ipcMain = {
  handle: (channel: string, listener: (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown) =>
    void ipcHandlers.set(channel, listener),
  removeHandler: (channel: string) => void ipcHandlers.delete(channel),
} satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;

class FakePowerMonitor extends Emitter {}
export const powerMonitor = new FakePowerMonitor();

export const screen = {
  getAllDisplays: (): Electron.Display[] => [
    { workArea: { x: 0, y: 0, width: 1920, height: 1040 } } as Electron.Display,
  ],
} satisfies Pick<Electron.Screen, 'getAllDisplays'>;

export const shell = {
  showItemInFolder: (fullPath: string) => record(`shell.showItemInFolder ${fullPath}`),
} satisfies Pick<Electron.Shell, 'showItemInFolder'>;
