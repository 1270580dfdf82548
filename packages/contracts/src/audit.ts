import { z } from 'zod';
import { PageQuery, page, text } from './common.ts';

export const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actor: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = PageQuery.extend({
  account: text(64).optional(),
  action: text(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditPage = page(AuditEvent);

/** Action names written to the audit log; the web labels them. */
export const AUDIT_ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  'login.success': { zh: '登入成功', en: 'Sign-in succeeded' },
  'login.failure': { zh: '登入失敗', en: 'Sign-in failed' },
  'login.locked': { zh: '帳號鎖定', en: 'Account locked' },
  logout: { zh: '登出', en: 'Sign-out' },
  'password.change': { zh: '變更密碼', en: 'Password changed' },
  'password.reset': { zh: '重設密碼', en: 'Password reset' },
  'password.force_change': { zh: '強制變更密碼', en: 'Password change forced' },
  'session.revoke': { zh: '登出工作階段', en: 'Session revoked' },
  'session.revoke_all': { zh: '登出全部工作階段', en: 'All sessions revoked' },
  'account.create': { zh: '新增帳號', en: 'Account created' },
  'account.update': { zh: '修改帳號資料', en: 'Account updated' },
  'account.status': { zh: '帳號狀態異動', en: 'Account status changed' },
  'account.unlock': { zh: '解除鎖定', en: 'Account unlocked' },
  'account.role': { zh: '權限異動', en: 'Role changed' },
  'account.move': { zh: '機關異動', en: 'Agency changed' },
  'profile.update': { zh: '修改個人資料', en: 'Profile updated' },
  'profile.avatar': { zh: '更新大頭貼', en: 'Avatar updated' },
  'org.create': { zh: '新增組織', en: 'Organisation created' },
  'org.update': { zh: '修改組織', en: 'Organisation updated' },
  'org.move': { zh: '移動組織', en: 'Organisation moved' },
  'org.import': { zh: '匯入組織', en: 'Organisations imported' },
  'audit.export': { zh: '匯出稽核紀錄', en: 'Audit log exported' },
  'sso.signin': { zh: '單一登入應用系統', en: 'Signed in to a system (SSO)' },
  'oidc.client.add': { zh: '新增單一登入應用系統', en: 'SSO client registered' },
  'oidc.client.remove': { zh: '移除單一登入應用系統', en: 'SSO client removed' },
  'sso.backchannel_logout': { zh: '通知應用系統登出', en: 'System notified of sign-out' },
  'integration.app.create': { zh: '新增介接應用系統', en: 'Application registered' },
  'integration.app.update': { zh: '修改介接應用系統', en: 'Application updated' },
  'integration.app.status': { zh: '介接應用系統停權/復權', en: 'Application suspended or resumed' },
  'integration.app.revoke': { zh: '撤銷介接應用系統', en: 'Application revoked' },
  'integration.token.rotate': { zh: '重新產生 APTOKEN', en: 'APTOKEN rotated' },
  'integration.client_secret': { zh: '產生用戶端密鑰', en: 'Client secret issued' },
  'integration.service.request': { zh: '申請介接服務', en: 'Service requested' },
  'integration.service.approve': { zh: '介接服務審核通過', en: 'Service approved' },
  'integration.service.reject': { zh: '介接服務駁回', en: 'Service rejected' },
  'verify.success': { zh: '帳號驗證成功', en: 'Account verified (API)' },
  'verify.failure': { zh: '帳號驗證失敗', en: 'Account verification failed (API)' },
  'transfer.issue': { zh: '轉登', en: 'Transfer login started' },
  'transfer.redeem': { zh: '轉登票證兌換', en: 'Transfer ticket redeemed' },
  'transfer.refused': { zh: '轉登票證遭拒', en: 'Transfer ticket refused' },
  'system.create': { zh: '新增系統列表項目', en: 'System added to the list' },
  'system.update': { zh: '修改系統列表項目', en: 'System list entry updated' },
  'system.delete': { zh: '刪除系統列表項目', en: 'System removed from the list' },
  'category.create': { zh: '新增系統分類', en: 'Category added' },
  'category.update': { zh: '修改系統分類', en: 'Category updated' },
  'category.delete': { zh: '刪除系統分類', en: 'Category removed' },
};
