import { isGaleraNode } from './galera';

function answering(rows: Array<Record<string, unknown>>) {
  const asked: string[] = [];
  const query = (sql: string) => {
    asked.push(sql);
    return Promise.resolve(rows);
  };
  return { query, asked };
}

describe('isGaleraNode', () => {
  it('a MariaDB Galera node (wsrep_on = ON) is one', async () => {
    const { query, asked } = answering([{ Variable_name: 'wsrep_on', Value: 'ON' }]);
    await expect(isGaleraNode(query)).resolves.toBe(true);
    expect(asked).toEqual(["SHOW VARIABLES LIKE 'wsrep_on'"]);
  });

  it('a plain MariaDB (wsrep_on = OFF) is not', async () => {
    await expect(
      isGaleraNode(answering([{ Variable_name: 'wsrep_on', Value: 'OFF' }]).query),
    ).resolves.toBe(false);
  });

  it('MySQL (no wsrep_on variable) is not', async () => {
    await expect(isGaleraNode(answering([]).query)).resolves.toBe(false);
  });

  it('reads the value whatever case the driver gives the column', async () => {
    await expect(
      isGaleraNode(answering([{ VARIABLE_NAME: 'WSREP_ON', VALUE: 'on' }]).query),
    ).resolves.toBe(true);
  });
});
