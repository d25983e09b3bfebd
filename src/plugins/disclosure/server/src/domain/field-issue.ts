/** One problem with one field, in the shape every boundary of the plugin reports. */
export interface FieldIssue {
  path: (string | number)[];
  /** Stable, for programs. */
  code: string;
  /** For end users (zh-Hans). */
  message: string;
  messageEn: string;
}

export const issue = (path: (string | number)[], code: string, message: string, messageEn: string): FieldIssue => ({
  path,
  code,
  message,
  messageEn,
});
