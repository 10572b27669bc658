import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Props of {@link CompareDialog}.
 *
 * @example
 * ```tsx
 * <CompareDialog title="Compare 3 runs" onClose={close}><RunComparison ... /></CompareDialog>
 * ```
 */
export interface CompareDialogProps {
  title: string;
  /** Called on Escape and on the close button. */
  onClose: () => void;
  children: ReactNode;
}

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it and stays there (Tab cycles), Escape closes it, and focus
 * returns to where it was.
 *
 * @example
 * ```tsx
 * {open ? <CompareDialog title="Compare runs" onClose={() => setOpen(false)}>…</CompareDialog> : null}
 * ```
 */
export function CompareDialog({ title, onClose, children }: CompareDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';

    function onKeyDown(event: KeyboardEvent): void {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab' || !dialog.current) return;
      const items = Array.from(dialog.current.querySelectorAll<HTMLElement>(focusable)).filter(
        (item) => item.offsetParent !== null || item === document.activeElement,
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const inside = dialog.current.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    }

    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.body.style.overflow = overflow;
      previous?.focus();
    };
  }, []);

  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="compare-title"
        ref={dialog}
      >
        <div className="dialog-head">
          <h2 id="compare-title">{title}</h2>
          <button
            type="button"
            className="button ghost"
            onClick={onClose}
            ref={closeButton}
            aria-label="Close comparison"
          >
            ✕
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}
