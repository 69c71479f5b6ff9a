import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_RATINGS, ORG_RATING_LABELS, SECRETARY_GRADES, SECRETARY_GRADE_LABELS, type OrgDetail } from '@gridgov/common';
import { usePartyErrorText as useErrorText } from '../../errors';
import { partyKeys, updateOrg } from '../../api';
import { useLabel } from '../../labels';

interface Values { secretaryName?: string; secretaryGrade?: string | null; rating?: string | null; committee?: string }

/** Secretary, 书记分级分类 and branch rating; the committee one "role：name" per line. */
export function OrgEditModal({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const gradeLabel = useLabel(SECRETARY_GRADE_LABELS);
  const ratingLabel = useLabel(ORG_RATING_LABELS);
  const save = useMutation({
    mutationFn: (v: Values) => updateOrg(org.id, {
      secretaryName: v.secretaryName?.trim() || null, secretaryGrade: v.secretaryGrade ?? null, rating: v.rating ?? null,
      committee: (v.committee ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const [role, ...rest] = l.split(/[:：]/);
        return rest.length ? { role: role!.trim(), name: rest.join(':').trim() } : { role: t('orgs.committeeMember'), name: l };
      }),
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); onClose(); },
  });
  return (
    <Modal open title={t('orgs.edit')} onCancel={onClose} onOk={() => document.getElementById('party-org-form-submit')?.click()} okButtonProps={{ loading: save.isPending }}>
      <Form<Values>
        layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={{ secretaryName: org.secretaryName ?? '', secretaryGrade: org.secretaryGrade, rating: org.rating, committee: org.committee.map((c) => `${c.role}：${c.name}`).join('\n') }}
      >
        <Form.Item name="secretaryName" label={t('orgs.secretary')}><Input maxLength={64} /></Form.Item>
        <Form.Item name="secretaryGrade" label={t('orgs.grade')}><Select allowClear options={SECRETARY_GRADES.map((g) => ({ value: g, label: gradeLabel(g) }))} /></Form.Item>
        <Form.Item name="rating" label={t('orgs.rating')}><Select allowClear options={ORG_RATINGS.map((r) => ({ value: r, label: ratingLabel(r) }))} /></Form.Item>
        <Form.Item name="committee" label={t('orgs.committee')} extra={t('orgs.committeeHint')}><Input.TextArea rows={4} /></Form.Item>
        <button id="party-org-form-submit" type="submit" hidden />
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
