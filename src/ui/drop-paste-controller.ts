import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The first image file in a drag or a clipboard, if any. */
function firstImage(data: DataTransfer | null): File | undefined {
  if (!data) return undefined;
  for (const file of Array.from(data.files)) {
    if (file.type.startsWith('image/') || file.type === '') return file;
  }
  return undefined;
}

/**
 * Takes images dropped onto the host or pasted anywhere on the page while the host is shown.
 * `dragging` is true while a file hovers over the host, so the view can show where to drop.
 * Pastes that carry no image (a key, a prompt) are left alone for the focused field.
 */
export class DropPasteController implements ReactiveController {
  /** A file is being dragged over the host. */
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onImage: (file: File) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dragover', this._onDragOver);
    this.host.addEventListener('dragleave', this._onDragLeave);
    this.host.addEventListener('drop', this._onDrop);
    document.addEventListener('paste', this._onPaste);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this._onDragOver);
    this.host.removeEventListener('dragleave', this._onDragLeave);
    this.host.removeEventListener('drop', this._onDrop);
    document.removeEventListener('paste', this._onPaste);
  }

  private _setDragging(on: boolean): void {
    if (this.dragging === on) return;
    this.dragging = on;
    this.host.requestUpdate();
  }

  private readonly _onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    // Without preventDefault the browser would open the file instead of dropping it here.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this._setDragging(true);
  };

  private readonly _onDragLeave = (e: DragEvent): void => {
    // dragleave also fires when moving between children: only the host's own edge counts.
    const to = e.relatedTarget as Node | null;
    if (!to || !this.host.contains(to)) this._setDragging(false);
  };

  private readonly _onDrop = (e: DragEvent): void => {
    this._setDragging(false);
    const file = firstImage(e.dataTransfer);
    if (!file) return;
    e.preventDefault();
    this.onImage(file);
  };

  private readonly _onPaste = (e: ClipboardEvent): void => {
    // A hidden view (another tab is open) must not take the paste.
    if (this.host.closest('[hidden]') || this.host.hidden) return;
    const file = firstImage(e.clipboardData);
    if (!file) return;
    e.preventDefault();
    this.onImage(file);
  };
}
