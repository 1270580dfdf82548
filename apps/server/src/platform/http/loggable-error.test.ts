import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggableError } from './errors.ts';

test('a failed query is logged without its parameters (personal data, hashes)', () => {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "accounts_id_number_uq"'), {
    code: '23505',
    constraint: 'accounts_id_number_uq',
  });
  const err = Object.assign(new Error('Failed query: insert into accounts ... params: A123456789,王小明'), {
    name: 'DrizzleQueryError',
    cause,
  });
  const logged = loggableError(err);
  assert.equal(logged.sqlState, '23505');
  assert.equal(logged.constraint, 'accounts_id_number_uq');
  assert.doesNotMatch(JSON.stringify(logged), /A123456789|王小明|params/u);
});

test('other errors are logged whole, for their stack', () => {
  const err = new TypeError('boom');
  assert.deepEqual(loggableError(err), { err });
});
