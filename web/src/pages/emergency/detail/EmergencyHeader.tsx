import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { FileTextOutlined, PoweroffOutlined, RiseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useErrorText } from '../../../lib/errors';
import { changeLevel, emergencyKeys, endEmergency, type Emergency, type Level } from '../api';
import { levelColour, LevelTag, LEVELS, useIncidentLabel, useLevelLabel } from '../labels';

const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');

/** Title, level, area and times; commanders change the level or end the emergency (back to peacetime). */
export function EmergencyHeader({ em, command }: { em: Emergency; command: boolean }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const incident = useIncidentLabel();
  const levelLabel = useLevelLabel();
  const qc = useQueryClient();
  const [levelOpen, setLevelOpen] = useState(false);
  const [endOpen, setEndOpen] = useState(false);
  const [level, setLevel] = useState<Level>(em.level);
  const [reason, setReason] = useState('');
  const [summary, setSummary] = useState('');
  const done = (text: string) => {
    void qc.invalidateQueries({ queryKey: emergencyKeys.all });
    message.success(text);
  };
  const lv = useMutation({ mutationFn: () => changeLevel(em.id, level, reason || undefined), onSuccess: () => { setLevelOpen(false); done(t('level.changed')); }, onError: (e) => message.error(errorText(e)) });
  const end = useMutation({ mutationFn: () => endEmergency(em.id, summary || undefined), onSuccess: () => { setEndOpen(false); done(t('end.done')); }, onError: (e) => message.error(errorText(e)) });
  const active = em.state === 'active';

  return (
    <Card size="small" style={{ borderTop: `4px solid ${active ? levelColour(em.level) : '#8c8c8c'}` }}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Space direction="vertical" size={4} style={{ minWidth: 0 }}>
          <Space wrap size={8}>
            <LevelTag level={em.level} />
            <Tag color={active ? 'red' : 'default'} data-testid="emergency-state">{t(active ? 'state.active' : 'state.ended')}</Tag>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="emergency-title">{em.title}</Typography.Title>
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} colon={false} styles={{ label: { color: '#8c8c8c' } }}>
            <Descriptions.Item label={t('list.colType')}>{incident(em.incidentType)}</Descriptions.Item>
            <Descriptions.Item label={t('list.colArea')}>{em.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('list.colDeclared')}>{fmt(em.declaredAt)}{em.declaredBy ? ` · ${em.declaredBy}` : ''}</Descriptions.Item>
            {em.endedAt ? <Descriptions.Item label={t('list.colEnded')}>{fmt(em.endedAt)}</Descriptions.Item> : <Descriptions.Item label={t('plans.plan')}>{em.planName}</Descriptions.Item>}
          </Descriptions>
        </Space>
        <Space wrap>
          {command && active && <Button icon={<RiseOutlined />} onClick={() => setLevelOpen(true)} data-testid="level-open">{t('level.change')}</Button>}
          {command && active && <Button danger icon={<PoweroffOutlined />} onClick={() => setEndOpen(true)} data-testid="end-open">{t('end.open')}</Button>}
          {!active && <Link to={`/emergency/${em.id}/review`}><Button type="primary" icon={<FileTextOutlined />} data-testid="review-open">{t('review.open')}</Button></Link>}
        </Space>
      </Flex>
      <Modal open={levelOpen} title={t('level.changeTitle')} onCancel={() => setLevelOpen(false)} onOk={() => lv.mutate()} okText={t('level.changeSubmit')} okButtonProps={{ loading: lv.isPending, disabled: level === em.level, 'data-testid': 'level-submit' }} destroyOnHidden>
        <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} optionType="button" data-testid="level-options" style={{ marginBottom: 12 }}
          options={LEVELS.map((l) => ({ value: l, label: <span style={{ color: levelColour(l), fontWeight: 600 }}>{levelLabel(l)}</span> }))} />
        <Input.TextArea rows={2} maxLength={500} placeholder={t('level.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal open={endOpen} title={t('end.title')} onCancel={() => setEndOpen(false)} onOk={() => end.mutate()} okText={t('end.submit')} okButtonProps={{ danger: true, loading: end.isPending, 'data-testid': 'end-submit' }} destroyOnHidden>
        <Typography.Paragraph>{t('end.confirm', { title: em.title, area: em.unitName })}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('end.summary')} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Modal>
    </Card>
  );
}
