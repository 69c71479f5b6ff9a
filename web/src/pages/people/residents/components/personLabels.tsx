import { Tag } from 'antd';
import { ATTENTION_TAGS, PERSON_CATEGORY_LABELS, PERSON_TAG_LABELS, type PersonTag } from '@gridgov/common';
import { usePick } from '../../../../lib/commonLabels';

const CATEGORY_COLOR: Record<string, string> = { registered: 'default', floating: 'blue', foreign: 'purple', hmt: 'cyan' };

export function CategoryTag({ category }: { category: string }) {
  const pick = usePick();
  return <Tag color={CATEGORY_COLOR[category] ?? 'default'}>{pick(PERSON_CATEGORY_LABELS, category as keyof typeof PERSON_CATEGORY_LABELS)}</Tag>;
}

/** Attention groups (特殊人群) in orange, care groups (关爱人群) in green, party members in red. */
export function PersonTags({ tags }: { tags: string[] }) {
  const pick = usePick();
  return (
    <>
      {tags.map((t) => {
        const color = t === 'party_member' ? 'red' : ATTENTION_TAGS.includes(t as PersonTag) ? 'orange' : 'green';
        return <Tag key={t} color={color} style={{ marginBottom: 2 }}>{pick(PERSON_TAG_LABELS, t as PersonTag)}</Tag>;
      })}
    </>
  );
}
