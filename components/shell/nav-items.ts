import { Activity, Boxes, HardDrive, Layers, type LucideIcon, Network, Server, Settings, SquareStack, Store, UsersRound, Waypoints } from 'lucide-react';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** shown only to admins (the page and its API refuse everyone else anyway) */
  adminOnly?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/hosts', label: 'Hosts', icon: Server },
  { href: '/containers', label: 'Containers', icon: Boxes },
  { href: '/images', label: 'Images', icon: Layers },
  { href: '/volumes', label: 'Volumes', icon: HardDrive },
  { href: '/networks', label: 'Networks', icon: Network },
  { href: '/stacks', label: 'Stacks', icon: SquareStack },
  { href: '/catalog', label: 'Catalog', icon: Store },
  { href: '/activity', label: 'Activity', icon: Activity },
  { href: '/users', label: 'Users', icon: UsersRound, adminOnly: true },
  { href: '/settings', label: 'Settings', icon: Settings },
];

/** Shown after Stacks when the current host is a swarm manager; its href is that host's Swarm page. */
export const SWARM_ITEM: NavItem = { href: '/swarm', label: 'Swarm', icon: Waypoints };
