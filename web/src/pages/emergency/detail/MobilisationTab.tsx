import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Skeleton, Statistic, Table, Tag } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RESPONDER_KINDS } from '@gridgov/common';
import { QueryError } from '../../../components/QueryError';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useErrorText } from '../../../lib/errors';
import { callUp, emergencyKeys, fetchMobilisation, type CallupBody, type Emergency } from '../api';
import { useResponderLabel } from '../labels';

/** 力量动员: call up responders by kind/team/role/area (one-time links), then headcount per grid. */
export function MobilisationTab({ em, command }: { em: Emergency; command: boolean }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const responder = useResponderLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<CallupBody>();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: emergencyKeys.mobilisation(em.id), queryFn: ({ signal }) => fetchMobilisation(em.id, undefined, signal), refetchInterval: 30_000 });
  const m = useMutation({
    mutationFn: (v: CallupBody) => callUp(em.id, { ...v, teams: v.teams?.length ? v.teams : undefined, roles: v.roles?.length ? v.roles : undefined }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['emergency', 'mobilisation', em.id] });
      message.success(t('mobilise.done', { called: r.called, already: r.alreadyCalled }));
      setOpen(false);
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Row gutter={[12, 12]} data-testid="mobilisation">
      {command && em.state === 'active' && (
        <Col xs={24}>
          {!open ? <Button type="primary" icon={<TeamOutlined />} onClick={() => setOpen(true)} data-testid="callup-open">{t('mobilise.open')}</Button> : (
            <Card size="small" title={t('mobilise.title')}>
              <Form form={form} layout="vertical" initialValues={{ kinds: ['sunk_cadre', 'volunteer'], includePartyMembers: true }} onFinish={(v) => m.mutate(v)}>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name="kinds" label={t('mobilise.kinds')}>
                      <Select mode="multiple" options={RESPONDER_KINDS.map((k) => ({ value: k, label: responder(k) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="unitId" label={t('mobilise.area')} extra={t('mobilise.areaHint', { area: em.unitName })}>
                      <UnitTreeSelect style={{ width: '100%' }} placeholder={em.unitName} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}><Form.Item name="teams" label={t('mobilise.teams')}><Select mode="tags" placeholder={t('mobilise.teamsHint')} /></Form.Item></Col>
                  <Col xs={24} md={12}><Form.Item name="roles" label={t('mobilise.roles')}><Select mode="tags" placeholder={t('mobilise.rolesHint')} /></Form.Item></Col>
                  <Col xs={24}><Form.Item name="message" label={t('mobilise.message')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
                </Row>
                <Form.Item name="includePartyMembers" valuePropName="checked"><Checkbox>{t('mobilise.partyMembers')}</Checkbox></Form.Item>
                <Button onClick={() => setOpen(false)} style={{ marginInlineEnd: 8 }}>{t('action.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="callup-submit">{t('mobilise.submit')}</Button>
              </Form>
            </Card>
          )}
        </Col>
      )}
      {q.isError && <Col xs={24}><QueryError error={q.error} onRetry={() => void q.refetch()} /></Col>}
      {q.isPending ? <Col xs={24}><Skeleton active /></Col> : q.data && (
        <>
          {(['called', 'confirmed', 'declined', 'checkedIn'] as const).map((k) => (
            <Col xs={12} md={6} key={k}><Card size="small" data-testid={`mobilise-${k}`} data-count={q.data[k]}><Statistic title={t(`mobilise.${k}`)} value={q.data[k]} /></Card></Col>
          ))}
          <Col xs={24}>
            {q.data.byKind.map((k) => <Tag key={k.kind} style={{ marginBottom: 4 }}>{responder(k.kind)} {k.checkedIn}/{k.called}</Tag>)}
          </Col>
          <Col xs={24}>
            <Table
              className="gg-hscroll"
              size="small"
              rowKey="gridId"
              data-testid="headcount-table"
              dataSource={q.data.byGrid}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('mobilise.grid'), dataIndex: 'gridName', key: 'grid' },
                { title: t('mobilise.called'), dataIndex: 'called', key: 'called', align: 'right', width: 90 },
                { title: t('mobilise.confirmed'), dataIndex: 'confirmed', key: 'confirmed', align: 'right', width: 90 },
                { title: t('mobilise.checkedIn'), dataIndex: 'checkedIn', key: 'checkedIn', align: 'right', width: 100, render: (n: number) => <b>{n}</b> },
              ]}
            />
          </Col>
        </>
      )}
    </Row>
  );
}
