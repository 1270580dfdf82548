/** 審核紀錄: every request and decision on one service, newest first, with what was asked. */
import { Button, Empty, Modal, Skeleton, Timeline, Typography } from 'antd';
import { SERVICE_LABELS, type Service } from '@menhu/contracts';
import { useServiceHistory, type ReviewEntry } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag, type TAG_COLORS } from '../../components/Tags.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { RequestSummary } from './RequestSummary.tsx';

const ACTION: Record<ReviewEntry['action'], { label: MessageKey; color: keyof typeof TAG_COLORS }> = {
  request: { label: 'int.action.request', color: 'blue' },
  approve: { label: 'int.action.approve', color: 'green' },
  reject: { label: 'int.action.reject', color: 'red' },
};

export function ServiceHistoryDialog({
  appId,
  service,
  onClose,
}: {
  appId: number;
  service: Service | null;
  onClose: () => void;
}) {
  const { t, label, date } = useI18n();
  const { data, isPending, error } = useServiceHistory(appId, service);
  return (
    <Modal
      open={service !== null}
      title={service ? `${t('int.history')}：${label(SERVICE_LABELS[service])}` : t('int.history')}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <ErrorAlert error={error} />
      {isPending ? (
        <Skeleton active />
      ) : !data?.length ? (
        <Empty description={t('common.noData')} />
      ) : (
        <Timeline
          className="history-timeline"
          items={data.map((e) => {
            const a = ACTION[e.action] ?? ACTION.request;
            return {
              key: e.id,
              content: (
                <div>
                  <div className="history-head">
                    <SolidTag color={a.color}>{t(a.label)}</SolidTag>
                    <span>{date(e.at)}</span>
                    {e.actorName && <span>{t('int.by', { name: e.actorName })}</span>}
                  </div>
                  {e.reason && (
                    <Typography.Paragraph className="history-reason">
                      {t('int.reason')}：{e.reason}
                    </Typography.Paragraph>
                  )}
                  {e.action === 'request' && <RequestSummary request={e.snapshot} />}
                </div>
              ),
            };
          })}
        />
      )}
    </Modal>
  );
}
