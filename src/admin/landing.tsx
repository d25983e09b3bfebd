import { useAuth } from '@strapi/strapi/admin';
import { Navigate } from 'react-router-dom';
import { DEFAULT_GOVERNED_CONTENT_TYPES } from '../plugins/disclosure/server/src/constants';

const READ = 'plugin::content-manager.explorer.read';

/**
 * The content manager opens on the first type in alphabetical order of its display name, which in Chinese is 错敏词
 * (a sysadmin's word list), not what an office worker edits. Its root opens on the first governed type the user may
 * read (政策文件 first), else on whatever it may read, as Strapi would.
 */
export const ContentManagerLanding = () => {
  const permissions = useAuth('ContentManagerLanding', (state) => state.permissions);
  const readable = new Set(permissions.filter((p) => p.action === READ && p.subject).map((p) => p.subject as string));
  const uid = DEFAULT_GOVERNED_CONTENT_TYPES.find((type) => readable.has(type)) ?? [...readable][0];
  return <Navigate to={uid ? `/content-manager/collection-types/${uid}` : '/content-manager/403'} replace />;
};

/**
 * The content manager's root, as an index route: React Router ranks it above the plugin's own index under
 * `content-manager/*` (a static segment outranks a splat), so only the root is taken over.
 */
export const landingRoute = { path: 'content-manager', children: [{ index: true, element: <ContentManagerLanding /> }] };
