import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { bulkDispatch, caseKeys, type CaseItem } from '../../api';
import { DepartmentsPicker, toDispatchDepartments, type DeptChoice } from '../../shared/DepartmentsPicker';

/** Centre operators dispatch several matters to the same lead/assisting departments in one go. */
export function BulkDispatchModal({ cases, open, onClose, onDone }: { cases: CaseItem[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [depts, setDepts] = useState<DeptChoice>({ assist: [] });
  const [note, setNote] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: () => bulkDispatch({
      caseIds: cases.map((c) => c.id),
      departments: toDispatchDepartments(depts, note || undefined),
      note: note || undefined,
    }),
    onSuccess: (r) => {
      const bad = (r.results ?? []).filter((x) => !x.ok);
      const ok = r.ok;
      void message.success(t('bulk.done', { ok }));
      void qc.invalidateQueries({ queryKey: caseKeys.all });
      if (bad.length) {
        const no = (id: string) => cases.find((c) => c.id === id)?.trackingNo ?? id;
        setFailed(t('bulk.failed', { count: bad.length, list: bad.map((b) => `${no(b.id)} (${b.error?.message ?? ''})`).join('; ') }));
      } else {
        onDone();
      }
    },
  });
  return (
    <Modal
      open={open}
      title={t('bulk.title', { count: cases.length })}
      onCancel={() => { setFailed(null); onClose(); }}
      onOk={() => m.mutate()}
      okText={t('modal.submit')}
      okButtonProps={{ disabled: !depts.lead, loading: m.isPending, 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('fields.departments')} required help={!depts.lead ? t('modal.leadRequired') : undefined}>
          <DepartmentsPicker value={depts} onChange={setDepts} />
        </Form.Item>
        <Form.Item label={t('fields.instructions')}>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </Form.Item>
        <div style={{ maxHeight: 120, overflow: 'auto', fontSize: 12, color: '#595959' }}>
          {cases.map((c) => <div key={c.id}>{c.trackingNo} · {c.title}</div>)}
        </div>
      </Form>
      {m.isError && <Alert type="error" showIcon title={errorText(m.error)} style={{ marginTop: 12 }} />}
      {failed && <Alert type="warning" showIcon title={failed} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
