/** The answer to `explain CHECK-ID` and to the "Explain" button: pure, from the check's own metadata. */
import type { CheckMeta } from '../core/model';
import { type Block, clip, escapeMrkdwn, LIMITS } from '../report/slack-blocks';

export function explainMessage(
  check: CheckMeta,
  finding?: { target: string; fingerprint: string },
): { text: string; blocks: Block[] } {
  const refs = check.benchmarks.map((b) => `${b.framework} ${b.version} ${b.control}`).join('; ');
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(check.title, LIMITS.headerText) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          [
            `\`${escapeMrkdwn(check.id)}\` · severity *${check.severity}* · ${check.category} · ${check.targetKind} check`,
            refs ? `_Benchmarks:_ ${escapeMrkdwn(refs)}` : '',
            check.aliases && check.aliases.length > 0
              ? `_Also known as:_ ${check.aliases.map(escapeMrkdwn).join(', ')}`
              : '',
          ]
            .filter((l) => l !== '')
            .join('\n'),
          LIMITS.sectionText,
        ),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*How to fix*\n${escapeMrkdwn(check.remediation)}`, LIMITS.sectionText) },
    },
  ];
  if (finding) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Finding \`${finding.fingerprint}\` on *${escapeMrkdwn(finding.target)}*. To accept it for a while: \`/compliance waive ${finding.fingerprint} DAYS REASON\`.`,
        },
      ],
    });
  }
  return { text: clip(`${check.id}: ${check.title}`, LIMITS.fallbackText), blocks };
}
