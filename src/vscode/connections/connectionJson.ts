import { Connection } from './connection';

/** How a copied document names its org: the connection's name and where it points (never a secret). */
export function connectionJson(connection: Connection): { name: string; dataCenter?: string; environment?: string; apiDomain?: string } {
  const { dataCenter, environment, apiDomain } = connection.where.place;
  // An API domain of its own overrides the data center: then only it says where the data came from.
  return apiDomain ? { name: connection.name, apiDomain } : { name: connection.name, ...(dataCenter ? { dataCenter } : {}), ...(environment ? { environment } : {}) };
}
