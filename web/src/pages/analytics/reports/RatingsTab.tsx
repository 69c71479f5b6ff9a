import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/useMe';
import { errorMessage } from '../../../api/client';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useUnitName } from '../../../lib/labels';
import { caseKeys, fetchDepartments } from '../../cases/api';
import { analyticsKeys, createRating, fetchRatings, type RatingList } from '../api';
import { fmtScore } from '../components/format';
import { recentQuarters } from './periods';

type Avg = RatingList['averages'][number];
type Rating = RatingList['ratings'][number];
interface Values { unitId: string; departmentId: string; score: number; comment?: string }

/** 街道评议部门: a street scores each department once a quarter (a second rating replaces the first). */
export function RatingsTab({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const name = useUnitName();
  const can = useCan();
  const qc = useQueryClient();
  const quarters = recentQuarters(4);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: analyticsKeys.ratings(unitId, quarter), queryFn: ({ signal }) => fetchRatings(unitId, quarter, signal) });
  const depts = useQuery({ queryKey: caseKeys.departments, queryFn: ({ signal }) => fetchDepartments(signal), staleTime: 10 * 60_000 });
  const save = useMutation({
    mutationFn: (v: Values) => createRating({ ...v, quarter }),
    onSuccess: () => {
      void message.success(t('ratings.saved'));
      form.resetFields(['departmentId', 'score', 'comment']);
      void qc.invalidateQueries({ queryKey: ['analytics', 'ratings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  // Streets and the centre rate the departments they dispatch to; community cadres supervise (督办) but rate no one.
  const rates = can('cases.supervise') && can('cases.dispatch');
  return (
    <Row gutter={[16, 16]}>
      {rates && (
        <Col xs={24} lg={10}>
          <Card size="small" title={t('ratings.form')}>
            <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="rating-form" requiredMark={false}>
              <Form.Item label={t('ratings.quarter')}>
                <Select value={quarter} onChange={setQuarter} options={quarters.map((q) => ({ value: q, label: q }))} data-testid="rating-quarter" />
              </Form.Item>
              <Form.Item name="unitId" label={t('ratings.street')} rules={[{ required: true, message: t('ratings.pickStreet') }]}>
                <UnitTreeSelect selectableKinds={['town']} data-testid="rating-street" />
              </Form.Item>
              <Form.Item name="departmentId" label={t('col.department')} rules={[{ required: true, message: t('ratings.pickDepartment') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }} loading={depts.isPending} data-testid="rating-department"
                  options={(depts.data ?? []).map((d) => ({ value: d.id, label: en ? d.nameEn : d.nameZh }))}
                />
              </Form.Item>
              <Form.Item name="score" label={t('ratings.score')} rules={[{ required: true, message: t('ratings.pickScore') }]}>
                <InputNumber min={0} max={100} step={1} style={{ width: 140 }} data-testid="rating-score" />
              </Form.Item>
              <Form.Item name="comment" label={t('ratings.comment')}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="rating-comment" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rating-submit">{t('ratings.submit')}</Button>
            </Form>
          </Card>
        </Col>
      )}
      <Col xs={24} lg={rates ? 14 : 24}>
        <Card size="small" title={t('ratings.averages', { quarter })}>
          <Table<Avg> size="small" rowKey="departmentId" dataSource={list.data?.averages ?? []} loading={list.isPending} pagination={false} data-testid="rating-averages"
            locale={{ emptyText: t('ratings.none') }}
            columns={[
              { title: t('col.department'), dataIndex: 'departmentName', render: (_: string, r) => name({ name: r.departmentName, nameEn: r.departmentNameEn }) },
              { title: t('ratings.average'), dataIndex: 'average', width: 100, align: 'right', render: (v: number) => <b>{fmtScore(v)}</b> },
              { title: t('ratings.count'), dataIndex: 'count', width: 90, align: 'right' },
            ]} />
          <Table<Rating> size="small" rowKey="id" dataSource={list.data?.ratings ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} style={{ marginTop: 12 }} scroll={{ x: 560 }}
            locale={{ emptyText: t('ratings.none') }} data-testid="rating-list"
            onRow={() => ({ 'data-testid': 'rating-row' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('ratings.street'), dataIndex: 'unitName', render: (_: string, r) => name({ name: r.unitName, nameEn: r.unitNameEn }) },
              { title: t('col.department'), dataIndex: 'departmentName', render: (_: string, r) => name({ name: r.departmentName, nameEn: r.departmentNameEn }) },
              { title: t('risk.score'), dataIndex: 'score', width: 80, align: 'right' },
              { title: t('ratings.comment'), dataIndex: 'comment', ellipsis: true },
            ]} />
        </Card>
      </Col>
    </Row>
  );
}
