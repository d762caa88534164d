/**
 * Answers kept by a key that names the database state they were computed for, the latest `keep`: the promise
 * is kept, so a second asker waits for the first computation; a failed one is forgotten, so the next asker
 * tries again. Used by the report, audit and segment-portrait caches and a profile's reads.
 */
export function remember<T>(
  answers: Map<string, Promise<T>>,
  key: string,
  keep: number,
  compute: () => Promise<T>,
): Promise<T> {
  const hit = answers.get(key);
  if (hit) return hit;
  const answer = compute();
  if (answers.size >= keep) answers.delete(answers.keys().next().value as string);
  answers.set(key, answer);
  answer.catch(() => {
    if (answers.get(key) === answer) answers.delete(key);
  });
  return answer;
}
