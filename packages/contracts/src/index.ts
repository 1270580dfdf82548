export * from './errors.ts';
export * from './common.ts';
export * from './password-policy.ts';
export * from './orgs.ts';
export * from './accounts.ts';
export * from './auth.ts';
export * from './audit.ts';
