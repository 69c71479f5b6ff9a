import { useState } from 'react';
import { Button, Col, Empty, Flex, List, Progress as Bar, Row, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchDirectives, type Emergency } from '../api';
import { STATE_COLOURS } from '../labels';
import { ComposeDirective } from './ComposeDirective';
import { DirectiveBoard } from './DirectiveBoard';

const pct = (n: number, total: number) => (total ? Math.round((n / total) * 100) : 0);

/** The emergency's directives (newest first) beside the live board of the chosen one. */
export function DirectivesTab({ em, command }: { em: Emergency; command: boolean }) {
  const { t } = useTranslation('emergency');
  const [params, setParams] = useSearchParams();
  const [compose, setCompose] = useState(false);
  const q = useQuery({ queryKey: emergencyKeys.directives(em.id), queryFn: ({ signal }) => fetchDirectives(em.id, signal) });
  const items = q.data ?? [];
  const selected = params.get('directive') ?? items[0]?.id ?? null;
  const current = items.find((d) => d.id === selected) ?? null;
  const pick = (id: string) => setParams((p) => { const n = new URLSearchParams(p); n.set('directive', id); return n; }, { replace: true });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>{t('directive.list', { count: items.length })}</Typography.Text>
          {command && em.state === 'active' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCompose(true)} data-testid="directive-new">{t('directive.new')}</Button>
          )}
        </Space>
        {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
        {q.isPending ? <Skeleton active /> : items.length === 0 ? <Empty description={t('directive.none')} /> : (
          <List
            size="small"
            bordered
            data-testid="directive-list"
            dataSource={items}
            style={{ maxHeight: 560, overflow: 'auto' }}
            renderItem={(d) => (
              <List.Item
                key={d.id}
                onClick={() => pick(d.id)}
                data-testid="directive-item"
                data-id={d.id}
                style={{ cursor: 'pointer', background: d.id === selected ? '#fff1f0' : undefined, display: 'block' }}
              >
                <Typography.Text strong ellipsis>{d.title}</Typography.Text>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {dayjs(d.issuedAt).format('MM-DD HH:mm')} · {t('directive.dueShort', { at: dayjs(d.dueAt).format('MM-DD HH:mm') })}
                </div>
                <Flex gap="2px 12px" wrap>
                  <Flex gap={6} align="center"><span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('board.ack')}</span>
                    <Bar percent={pct(d.acknowledged, d.total)} size="small" strokeColor={STATE_COLOURS.acknowledged} style={{ width: 100, margin: 0 }} /></Flex>
                  <Flex gap={6} align="center"><span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('board.exec')}</span>
                    <Bar percent={pct(d.executed, d.total)} size="small" strokeColor={STATE_COLOURS.executed} style={{ width: 100, margin: 0 }} /></Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Col>
      <Col xs={24} lg={16}>
        {current ? <DirectiveBoard directive={current} em={em} /> : items.length > 0 && <Empty description={t('directive.pick')} />}
      </Col>
      {compose && (
        <ComposeDirective em={em} onClose={() => setCompose(false)} onDone={(id) => { setCompose(false); pick(id); }} />
      )}
    </Row>
  );
}
