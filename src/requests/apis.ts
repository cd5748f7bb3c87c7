/** The API requests aslint checks (`aslint request --api <API>`). */
export const APIS = ["StartExecution", "StartSyncExecution", "RedriveExecution", "ListExecutions", "StartWorkflowExecution"] as const;
export type ApiName = (typeof APIS)[number];

export function isApiName(s: string): s is ApiName {
  return (APIS as readonly string[]).includes(s);
}
