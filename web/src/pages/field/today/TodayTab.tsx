import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Skeleton, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DUTY_FREQUENCY_LABELS, type DutyFrequency } from '@gridgov/common';
import { fieldKeys } from '../api';
import { postOrQueue } from '../offline/writes';
import type { BundleCase, FieldBundle, FieldTask } from '../types';
import type { FieldTab } from '../index';
import { VerifySheet } from './VerifySheet';

const TO_HANDLE = new Set(['reported', 'accepted', 'in_grid', 'reopened']);

/** Today: the grid's matters (to handle, to verify on site, to call back on) and the duty list with completion. */
export function TodayTab({ bundle, loading, go }: { bundle?: FieldBundle; loading: boolean; go: (tab: FieldTab, extra?: Record<string, string>) => void }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  if (loading) return <Skeleton active />;
  if (!bundle) return <Empty description={t('today.noBundle')} />;
  const cases = bundle.grids.flatMap((g) => g.openCases);
  const toHandle = cases.filter((c) => TO_HANDLE.has(c.state) && !c.toVerify);
  const toVerify = cases.filter((c) => c.toVerify);
  const callBack = cases.filter((c) => c.state === 'verified');
  return <TodayBody bundle={bundle} en={en} go={go} toHandle={toHandle} toVerify={toVerify} callBack={callBack} />;
}

function TodayBody({ bundle, en, go, toHandle, toVerify, callBack }: {
  bundle: FieldBundle; en: boolean; go: (tab: FieldTab) => void; toHandle: BundleCase[]; toVerify: BundleCase[]; callBack: BundleCase[];
}) {
  const { t } = useTranslation('field');
  const [verifying, setVerifying] = useState<BundleCase | null>(null);
  return (
    <>
      <Card size="small" className="gg-field-section" data-testid="field-quick">
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="primary" block className="gg-field-big" onClick={() => go('report')} data-testid="field-quick-report">{t('today.report')}</Button>
          <Button block className="gg-field-big" onClick={() => go('patrol')} data-testid="field-quick-patrol">
            {bundle.activePatrolId ? t('today.patrolRunning') : t('today.patrol')}
          </Button>
        </div>
      </Card>
      <CaseList title={t('today.toHandle')} items={toHandle} testId="field-cases-handle" action={t('today.handle')} />
      <CaseList title={t('today.toVerify')} items={toVerify} testId="field-cases-verify" action={t('today.verify')} hint={t('today.verifyHint')} onAction={setVerifying} />
      <VerifySheet item={verifying} onClose={() => setVerifying(null)} />
      <CaseList title={t('today.callBack')} items={callBack} testId="field-cases-callback" action={t('today.open')} hint={t('today.callBackHint')} />
      <Duties tasks={bundle.tasks} en={en} />
    </>
  );
}

function CaseList({ title, items, testId, action, hint, onAction }: {
  title: string; items: BundleCase[]; testId: string; action: string; hint?: string; onAction?: (c: BundleCase) => void;
}) {
  const { t } = useTranslation('field');
  return (
    <Card size="small" className="gg-field-section" title={<span>{title} <Tag>{items.length}</Tag></span>} data-testid={testId}>
      {hint && items.length > 0 && <div className="gg-field-row-sub" style={{ marginBottom: 4 }}>{hint}</div>}
      {items.length === 0 ? <div className="gg-field-row-sub">{t('today.none')}</div> : items.map((c) => (
        <div className="gg-field-row" key={c.id} data-testid="field-case">
          <div className="gg-field-row-main">
            <div className="gg-field-row-title">{c.title}</div>
            <div className="gg-field-row-sub">{c.code}{c.dueAt ? ` · ${t('today.due', { time: new Date(c.dueAt).toLocaleString() })}` : ''}</div>
          </div>
          {onAction
            ? <Button size="small" type="primary" onClick={() => onAction(c)} data-testid="field-case-action">{action}</Button>
            : <Link to={`/cases/${c.id}`}><Button size="small">{action}</Button></Link>}
        </div>
      ))}
    </Card>
  );
}

/** 网格工作清单: ticking a duty works offline too (queued with the time it was done). */
function Duties({ tasks, en }: { tasks: FieldTask[]; en: boolean }) {
  const { t } = useTranslation('field');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [local, setLocal] = useState<Record<string, boolean>>({});
  const toggle = async (task: FieldTask, done: boolean) => {
    setLocal((s) => ({ ...s, [task.id]: done }));
    try {
      const path = `/field/tasks/${encodeURIComponent(task.id)}/${done ? 'complete' : 'reopen'}`;
      const r = await postOrQueue(path, {}, `${en ? task.en : task.zh}`);
      if (!r.sent) void message.info(t('queuedOffline'));
      else void qc.invalidateQueries({ queryKey: fieldKeys.bundle });
    } catch (e) {
      setLocal((s) => ({ ...s, [task.id]: !done }));
      void message.error((e as Error).message);
    }
  };
  const doneCount = tasks.filter((x) => local[x.id] ?? x.done).length;
  return (
    <Card size="small" className="gg-field-section" title={<span>{t('today.duties')} <Tag color="blue">{doneCount}/{tasks.length}</Tag></span>} data-testid="field-duties">
      {tasks.length === 0 ? <div className="gg-field-row-sub">{t('today.noDuties')}</div> : tasks.map((task) => {
        const done = local[task.id] ?? task.done;
        return (
          <div className="gg-field-row" key={task.id} data-testid="field-duty" data-done={String(done)}>
            <Checkbox checked={done} onChange={(e) => void toggle(task, e.target.checked)} aria-label={en ? task.en : task.zh} />
            <div className="gg-field-row-main">
              <div className="gg-field-row-title" style={done ? { color: '#8c8c8c', textDecoration: 'line-through' } : undefined}>{en ? task.en : task.zh}</div>
              <div className="gg-field-row-sub">
                {DUTY_FREQUENCY_LABELS[task.frequency as DutyFrequency]?.[en ? 'en' : 'zh'] ?? task.frequency}
                {task.completedByName && done ? ` · ${task.completedByName}` : ''}
              </div>
            </div>
          </div>
        );
      })}
    </Card>
  );
}
