import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Popover, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { RECRUIT_STAGE_LABELS, RECRUIT_STEP_LABELS, recruitTransition, type Recruit } from '@gridgov/common';
import { useCan } from '../../../../auth/useMe';
import { usePartyErrorText as useErrorText } from '../../errors';
import { moveRecruit, partyKeys, recordStep } from '../../api';
import { useLabel } from '../../labels';

/** One person in the pipeline: when they entered the stage, the steps done, what is still missing to move on. */
export function RecruitCard({ recruit: r }: { recruit: Recruit }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const stepLabel = useLabel(RECRUIT_STEP_LABELS);
  const stageLabel = useLabel(RECRUIT_STAGE_LABELS);
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [step, setStep] = useState<string>();
  const done = () => void qc.invalidateQueries({ queryKey: partyKeys.all });
  const rec = useMutation({ mutationFn: () => recordStep(r.id, { step: step!, doneOn: on.format('YYYY-MM-DD') }), onSuccess: () => { setStep(undefined); done(); } });
  const move = useMutation({ mutationFn: (action: string) => moveRecruit(r.id, { action, on: on.format('YYYY-MM-DD') }), onSuccess: done });
  const forward = r.next.filter((n) => n.action !== 'drop');
  const missing = [...new Set(forward.flatMap((n) => n.missingSteps))];
  // Steps of the next move, so the picker offers only what matters now.
  const wanted = forward.flatMap((n) => recruitTransition(r.stage, n.action)?.requires ?? []);
  const today = dayjs().format('YYYY-MM-DD');

  const actions = (
    <Flex vertical gap={8} style={{ width: 260 }}>
      <DatePicker value={on} onChange={(d) => d && setOn(d)} allowClear={false} style={{ width: '100%' }} />
      {missing.length > 0 && (
        <Space.Compact style={{ width: '100%' }}>
          <Select value={step} onChange={setStep} placeholder={t('recruit.recordStep')} style={{ flex: 1 }} options={wanted.filter((s) => !r.steps[s]).map((s) => ({ value: s, label: stepLabel(s) }))} />
          <Button disabled={!step} loading={rec.isPending} onClick={() => rec.mutate()}>{t('recruit.record')}</Button>
        </Space.Compact>
      )}
      {r.next.map((n) => {
        const blocked = n.missingSteps.length > 0 || (n.earliestOn !== null && n.earliestOn > on.format('YYYY-MM-DD'));
        return (
          <Button key={n.action} danger={n.action === 'drop'} type={n.action === 'drop' ? 'default' : 'primary'} disabled={blocked} loading={move.isPending && move.variables === n.action} onClick={() => move.mutate(n.action)}>
            {n.action === 'drop' ? t('recruit.drop') : t('recruit.moveTo', { stage: stageLabel(n.to) })}
          </Button>
        );
      })}
      {(rec.error ?? move.error) && <Alert type="error" showIcon title={errorText(rec.error ?? move.error)} />}
    </Flex>
  );

  return (
    <Card size="small" data-testid="party-recruit-card">
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>{r.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.stageDates[r.stage] ?? ''}</Typography.Text>
      </Flex>
      <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.orgName}</div>
      {missing.length > 0 && (
        <div style={{ marginTop: 4 }}>
          {missing.map((s) => <Tag key={s} color="orange" style={{ fontSize: 11, marginBottom: 2 }}>{stepLabel(s)}</Tag>)}
        </div>
      )}
      {forward.map((n) => n.earliestOn && n.earliestOn > today && (
        <div key={n.action} style={{ fontSize: 12, color: '#d46b08' }}>{t('recruit.earliest', { date: n.earliestOn })}</div>
      ))}
      {can('party.write') && r.next.length > 0 && (
        <Popover trigger="click" content={actions} title={r.name} destroyOnHidden>
          <Button size="small" type="link" style={{ padding: 0 }}>{t('recruit.actions')}</Button>
        </Popover>
      )}
    </Card>
  );
}
