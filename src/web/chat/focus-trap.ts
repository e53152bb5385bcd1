// Keyboard handling for overlay panels: Tab cycles inside, Esc is left to the caller.

const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"]), summary';

export function focusables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
}

/** Keeps Tab / Shift+Tab inside `panel`. `active` returns the focused element (shadow-aware). */
export function trapTab(panel: HTMLElement, active: () => Element | null): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Tab') return;
    const items = focusables(panel);
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const current = active();
    if (e.shiftKey && (current === first || !panel.contains(current))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (current === last || !panel.contains(current))) {
      e.preventDefault();
      first.focus();
    }
  };
}
