export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email now (call it from event subscribers, never inside a business transaction). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const MAILER = Symbol('Mailer');
