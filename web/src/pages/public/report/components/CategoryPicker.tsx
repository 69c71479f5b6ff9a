import { useMemo } from 'react';
import { Alert, Button, Flex, Radio, Typography } from 'antd';
import { PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEADLINE_CLASSES, type DeadlineClass } from '@gridgov/common';
import type { CategoryNode } from '../../api';

/** A category whose guidance names the web channel cannot be reported here (e.g. "call 110"). */
export function blockedOnWeb(c: CategoryNode | undefined): boolean {
  return !!c?.guidance && c.guidance.channels.includes('web');
}

export function findLeaf(groups: CategoryNode[], code: string | undefined): { group: CategoryNode; leaf: CategoryNode } | null {
  if (!code) return null;
  for (const g of groups) {
    const leaf = (g.children ?? []).find((c) => c.code === code);
    if (leaf) return { group: g, leaf };
  }
  return null;
}

interface Props {
  groups: CategoryNode[];
  group: string | undefined;
  onGroup: (code: string) => void;
  value?: string;
  onChange?: (code: string | undefined) => void;
  invalid?: boolean;
}

/** Two levels as big tappable chips: the group, then its categories; emergency guidance replaces the form. */
export function CategoryPicker({ groups, group, onGroup, value, onChange, invalid }: Props) {
  const { t, i18n } = useTranslation('public');
  const en = i18n.language === 'en-US';
  const label = (c: CategoryNode) => (en ? c.nameEn : c.name);
  const current = groups.find((g) => g.code === group);
  const leaves = useMemo(() => (current?.children ?? []).filter((c) => c.active !== false), [current]);
  const chosen = findLeaf(groups, value)?.leaf;
  const guidance = chosen && blockedOnWeb(chosen) ? chosen.guidance : null;
  const phone = guidance ? /\b(110|119|120|122|12345)\b/.exec(guidance.zh)?.[1] : undefined;
  const deadline = chosen && (DEADLINE_CLASSES as Record<string, { label: { zh: string; en: string } }>)[chosen.deadlineClass as DeadlineClass];

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" id="cat-group-label">{t('report.categoryGroup')}</Typography.Text>
      <Radio.Group
        className="gg-cat-list"
        optionType="button"
        name="category-group"
        aria-labelledby="cat-group-label"
        value={group}
        onChange={(e) => {
          onGroup(e.target.value as string);
          onChange?.(undefined);
        }}
        data-testid="report-category-groups"
      >
        {groups.map((g) => (
          <Radio.Button key={g.code} value={g.code}><span data-testid={`cat-${g.code}`}>{label(g)}</span></Radio.Button>
        ))}
      </Radio.Group>
      {current && (
        <>
          <Typography.Text type="secondary" id="cat-leaf-label">{t('report.categoryLeaf')}</Typography.Text>
          <Radio.Group
            className="gg-cat-list"
            optionType="button"
            buttonStyle="solid"
            name="category"
            aria-labelledby="cat-leaf-label"
            aria-invalid={invalid || undefined}
            value={value}
            onChange={(e) => onChange?.(e.target.value as string)}
            data-testid="report-category-leaves"
          >
            {leaves.map((c) => (
              <Radio.Button key={c.code} value={c.code}>
                <span data-testid={`cat-${c.code}`}>
                  {blockedOnWeb(c) && <WarningOutlined style={{ color: '#cf1322', marginInlineEnd: 4 }} />}
                  {label(c)}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </>
      )}
      {guidance && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="report-guidance"
          title={<strong>{t('report.notThisChannel')}</strong>}
          description={
            <Flex vertical gap={8}>
              <span style={{ fontSize: 16 }}>{en ? guidance.en : guidance.zh}</span>
              {phone && (
                <Button danger type="primary" size="large" icon={<PhoneOutlined />} href={`tel:${phone}`} className="gg-public-big-btn">
                  {phone}
                </Button>
              )}
            </Flex>
          }
        />
      )}
      {chosen && !guidance && deadline && (
        <Typography.Text type="secondary" data-testid="report-deadline">
          {t('report.deadline', { deadline: en ? deadline.label.en : deadline.label.zh })}
        </Typography.Text>
      )}
    </Flex>
  );
}
