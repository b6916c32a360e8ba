/**
 * Audit action codes (`auth.login`, `backup.run`, …) in words. The labels live in the i18n files
 * as a tree by code prefix (`audit.actions.auth.login`); a code without a label — one added by a
 * newer version, or by the provincial server — is shown as it is rather than hidden.
 */
export type ActionLabels = { readonly [group: string]: string | { readonly [name: string]: string } };

export function actionLabel(labels: ActionLabels, code: string): string {
  const dot = code.indexOf('.');
  const groupName = dot < 0 ? code : code.slice(0, dot);
  // Object.hasOwn: a code like `constructor` must not find Object.prototype's members.
  if (!Object.hasOwn(labels, groupName)) return code;
  const group = labels[groupName];
  if (dot < 0) return typeof group === 'string' ? group : code;
  const name = code.slice(dot + 1);
  if (group === undefined || typeof group === 'string' || !Object.hasOwn(group, name)) return code;
  return group[name] ?? code;
}
