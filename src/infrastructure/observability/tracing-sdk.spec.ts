import { maskStatement } from './tracing-sdk';

describe('maskStatement', () => {
  it('keeps placeholders and hides literals written into the SQL', () => {
    expect(maskStatement("SELECT id FROM orders WHERE id = ? AND status = 'paid' LIMIT 10")).toBe(
      'SELECT id FROM orders WHERE id = ? AND status = ? LIMIT ?',
    );
    expect(maskStatement(`UPDATE t SET note = "it's" WHERE n = 42`)).toBe(
      'UPDATE t SET note = ? WHERE n = ?',
    );
  });

  it('answers a repeated statement the same (from its cache)', () => {
    const sql = 'INSERT INTO transfers (id, amount) VALUES (?, ?)';
    expect(maskStatement(sql)).toBe(sql);
    expect(maskStatement(sql)).toBe(sql);
  });
});
