import type { DemoRunKind } from './types';

/**
 * Props of {@link KindBadge}.
 *
 * @example
 * ```tsx
 * <KindBadge kind="dpo" />
 * ```
 */
export interface KindBadgeProps {
  kind: DemoRunKind;
}

/**
 * The training method of a run: SFT, DPO, or LOG for a followed file.
 *
 * @example
 * ```tsx
 * <KindBadge kind="sft" />
 * ```
 */
export function KindBadge({ kind }: KindBadgeProps) {
  return <span className={`kind kind-${kind}`}>{kind.toUpperCase()}</span>;
}
