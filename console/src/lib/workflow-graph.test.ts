import { describe, expect, it } from 'vitest';
import { foldStepStatuses, layoutWorkflow, referencedSteps, workflowEdges } from './workflow-graph.js';

const answerWithCitations = [
  {
    name: 'retrieve',
    capability: 'retrieve',
    dependsOn: [],
    input: { knowledgeBase: '/input/knowledgeBase', query: '/input/question', topK: '/input/topK' },
  },
  {
    name: 'summarize',
    capability: 'summarize',
    dependsOn: [],
    forEach: '/steps/retrieve/output/chunks',
    input: { text: '/item/text', maxSentences: '/input/maxSentencesPerChunk' },
  },
];

describe('workflowEdges', () => {
  it('draws an edge for each step a mapping refers to (forEach, input, when) and each dependsOn', () => {
    expect(workflowEdges(answerWithCitations)).toEqual([{ from: 'retrieve', to: 'summarize' }]);
    const steps = [
      { name: 'a', capability: 'x', dependsOn: [] },
      { name: 'b', capability: 'x', dependsOn: [], input: { text: 'From {{ steps.a.output.summary }}' } },
      { name: 'c', capability: 'x', dependsOn: ['a'], when: '!/steps/b/output/flag' },
      { name: 'd', capability: 'x', dependsOn: ['nope'], input: ['/steps/c/output', '/input/steps/a'] },
    ];
    expect(workflowEdges(steps)).toEqual([
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
    ]);
  });

  it('reads escaped pointer segments', () => {
    expect([...referencedSteps({ x: '/steps/a~1b/output' })]).toEqual(['a/b']);
  });
});

describe('layoutWorkflow', () => {
  it('places a dependency above the step that waits for it, with a routed edge', () => {
    const layout = layoutWorkflow(answerWithCitations);
    const [retrieve, summarize] = layout.nodes;
    expect(retrieve!.y).toBeLessThan(summarize!.y);
    expect(layout.edges[0]!.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(summarize!.y);
  });
});

describe('foldStepStatuses', () => {
  it('follows the step events from the stored states', () => {
    const statuses = foldStepStatuses({ retrieve: 'PENDING', summarize: 'PENDING' }, [
      { type: 'STARTED' },
      { type: 'STEP_STARTED', step: 'retrieve' },
      { type: 'STEP_COMPLETED', step: 'retrieve' },
      { type: 'STEP_STARTED', step: 'summarize' },
    ]);
    expect(statuses).toEqual({ retrieve: 'COMPLETED', summarize: 'RUNNING' });
    expect(foldStepStatuses(statuses, [{ type: 'STEP_FAILED', step: 'summarize' }]).summarize).toBe('FAILED');
  });
});
