// Builds a graph of allowed flows from security group rules, in all three
// forms Terraform has: aws_vpc_security_group_{ingress,egress}_rule,
// aws_security_group_rule, and inline ingress/egress blocks. Nodes are
// security group resource names ('alb', 'database'), 'internet' for
// 0.0.0.0/0 and ::/0, 'prefix-list:<expr>' and 'cidr:<expr>'.
//
// NOTE: a CIDR given as an expression (a variable or each.value) counts as
// internal. The modules validate that such inputs are never 0.0.0.0/0.

import { resources, blocks, resolve, text } from './hcl.mjs';

const INTERNET = new Set(['0.0.0.0/0', '::/0']);

function groupName(value) {
  const match = /aws_(?:default_)?security_group\.([A-Za-z0-9_-]+)/.exec(text(value));
  return match ? match[1] : null;
}

function cidrNode(cidr) {
  return INTERNET.has(cidr) ? 'internet' : `cidr:${cidr}`;
}

// Expands "${each.value}" into the values of the resource's for_each when
// that resolves to a literal map or list; other values pass through.
function expandEach(tree, resource, value) {
  if (value !== '${each.value}') return [value];
  const forEach = resolve(tree, resource.dir, resource.body.for_each);
  if (Array.isArray(forEach)) return forEach;
  if (forEach && typeof forEach === 'object') return Object.values(forEach);
  return [value];
}

// Ports given as locals are resolved. A port that stays an expression (a
// module variable) becomes NaN and so matches no port number; the modules
// validate such ports to 1024-65535.
function portRange(tree, resource, body) {
  const protocol = String(body.ip_protocol ?? body.protocol ?? 'tcp');
  if (protocol === '-1' || protocol === 'all') return { protocol: 'all', fromPort: 0, toPort: 65535 };
  const port = (value, fallback) => Number(resolve(tree, resource.dir, value ?? fallback));
  return { protocol, fromPort: port(body.from_port, 0), toPort: port(body.to_port, 65535) };
}

function peersOf(body) {
  const peers = [];
  for (const key of ['referenced_security_group_id', 'source_security_group_id']) {
    if (body[key] !== undefined) peers.push({ kind: 'group', value: body[key] });
  }
  for (const key of ['cidr_ipv4', 'cidr_ipv6']) {
    if (body[key] !== undefined) peers.push({ kind: 'cidr', value: body[key] });
  }
  for (const key of ['cidr_blocks', 'ipv6_cidr_blocks']) {
    const list = body[key];
    if (Array.isArray(list)) list.forEach((value) => peers.push({ kind: 'cidr', value }));
    else if (list !== undefined) peers.push({ kind: 'cidr', value: list });
  }
  if (body.prefix_list_id !== undefined) peers.push({ kind: 'prefix', value: body.prefix_list_id });
  for (const value of [].concat(body.prefix_list_ids ?? [])) peers.push({ kind: 'prefix', value });
  for (const value of [].concat(body.security_groups ?? [])) peers.push({ kind: 'group', value });
  return peers;
}

function peerNodes(tree, resource, peer) {
  return expandEach(tree, resource, peer.value).map((value) => {
    if (peer.kind === 'group') return groupName(value) ?? `group:${text(value)}`;
    if (peer.kind === 'prefix') return `prefix-list:${text(value)}`;
    return cidrNode(text(value));
  });
}

function addEdges(edges, { direction, group, peers, ports, description, address }) {
  for (const peer of peers) {
    const [from, to] = direction === 'ingress' ? [peer, group] : [group, peer];
    edges.push({ direction, from, to, ...ports, description, address });
  }
}

// Returns every allowed flow as { direction, from, to, protocol, fromPort,
// toPort, description, address }. Ingress flows point from the peer to the
// group; egress flows point from the group to the peer.
export function securityGroupEdges(tree) {
  const edges = [];

  for (const direction of ['ingress', 'egress']) {
    for (const rule of resources(tree, `aws_vpc_security_group_${direction}_rule`)) {
      for (const groupValue of expandEach(tree, rule, rule.body.security_group_id)) {
        const group = groupName(groupValue) ?? `group:${text(groupValue)}`;
        const peers = peersOf(rule.body).flatMap((peer) => peerNodes(tree, rule, peer));
        addEdges(edges, { direction, group, peers, ports: portRange(tree, rule, rule.body), description: rule.body.description, address: rule.address });
      }
    }
  }

  for (const rule of resources(tree, 'aws_security_group_rule')) {
    const direction = rule.body.type;
    const group = groupName(rule.body.security_group_id) ?? `group:${text(rule.body.security_group_id)}`;
    const peers = peersOf(rule.body).flatMap((peer) => peerNodes(tree, rule, peer));
    if (isSelf(rule.body)) peers.push(group);
    addEdges(edges, { direction, group, peers, ports: portRange(tree, rule, rule.body), description: rule.body.description, address: rule.address });
  }

  for (const sg of [...resources(tree, 'aws_security_group'), ...resources(tree, 'aws_default_security_group')]) {
    for (const direction of ['ingress', 'egress']) {
      for (const inline of blocks(sg.body, direction)) {
        const peers = peersOf(inline).flatMap((peer) => peerNodes(tree, sg, peer));
        if (isSelf(inline)) peers.push(sg.name);
        addEdges(edges, { direction, group: sg.name, peers, ports: portRange(tree, sg, inline), description: inline.description, address: `${sg.address}.${direction}` });
      }
    }
  }

  return edges;
}

function isSelf(body) {
  return body.self === true || body.self === '${true}';
}

export function coversPort(edge, port) {
  return (edge.protocol === 'all' || edge.protocol === 'tcp' || edge.protocol === '6') && edge.fromPort <= port && port <= edge.toPort;
}
