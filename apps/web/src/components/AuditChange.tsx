import { Col, Row, Typography } from 'antd';
import type { AuditEvent } from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';

const pretty = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The expanded row: before / after as JSON, and the user agent. */
export function AuditChange({ event: e }: { event: AuditEvent }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <pre className="json-block">{pretty(e.before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <pre className="json-block">{pretty(e.after)}</pre>
      </Col>
      {e.userAgent && (
        <Col xs={24}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>
            {t('audit.userAgent')}: {e.userAgent}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}
