package assign

import (
	"cmp"
	"context"
	"slices"
)

// cost is an edge cost or a distance: the rounded score (s) first, the
// tie-breaking priority (t) second, compared lexicographically.
type cost struct{ s, t int64 }

func (a cost) add(b cost) cost  { return cost{a.s + b.s, a.t + b.t} }
func (a cost) sub(b cost) cost  { return cost{a.s - b.s, a.t - b.t} }
func (a cost) less(b cost) bool { return a.s < b.s || a.s == b.s && a.t < b.t }

// item is a heap entry of the shortest-path search.
type item struct {
	d cost
	v int32
}

// network is the residual network of one Solve call. Edge e and e^1 are
// each other's reverse.
type network struct {
	needs int32 // nodes [0, needs) are needs
	sink  int32
	// start, adj: the edges leaving node v are adj[start[v]:start[v+1]].
	start, adj []int32
	to         []int32
	res        []int32 // residual capacity
	cost       []cost
	pot        []cost // node potentials: reduced costs are ≥ 0
	excess     []int32

	// pairEdge[i] is input pair i's edge, -1 when its score is not
	// positive; achEdge and ownerEdge are the cap edges (-1 when absent).
	pairEdge, achEdge, ownerEdge []int32

	// search state, reused between searches
	dist       []cost
	prev       []int32
	seen, done []uint32
	epoch      uint32
	heap       []item
	settled    []int32
	needsDone  int
}

// build makes the network of in under caps (see the package doc).
func build(in *instance, caps Caps) *network {
	nNeeds, nAchs := int32(len(in.needs)), int32(len(in.achs))
	achBase, ownerBase := nNeeds, nNeeds+nAchs
	sink := ownerBase + int32(in.owners)
	nodes := sink + 1
	net := &network{needs: nNeeds, sink: sink, excess: make([]int32, nNeeds)}

	positive := 0
	needDeg := make([]int32, nNeeds)
	achDeg := make([]int32, nAchs)
	for _, i := range in.order {
		if in.units[i] > 0 {
			positive++
			needDeg[in.need[i]]++
			achDeg[in.ach[i]]++
		}
	}
	limit := func(c int, deg int32) int32 {
		if c == Unlimited || int64(c) > int64(deg) {
			return deg
		}
		return int32(c)
	}

	var from []int32
	addEdge := func(u, v, capacity int32, c cost) int32 {
		e := int32(len(net.to))
		from = append(from, u, v)
		net.to = append(net.to, v, u)
		net.res = append(net.res, capacity, 0)
		net.cost = append(net.cost, c, cost{-c.s, -c.t})
		return e
	}
	edges := 2*positive + 2*int(nNeeds+nAchs) + 2*in.owners
	from = make([]int32, 0, edges)
	net.to = make([]int32, 0, edges)
	net.res = make([]int32, 0, edges)
	net.cost = make([]cost, 0, edges)
	net.pot = make([]cost, nodes)
	net.pairEdge = make([]int32, len(in.units))

	// Pair edges, need by need in canonical order, each need's unplaced
	// edge after its pairs. Initial potentials: shortest distances from a
	// virtual source joined to every need at cost 0 (the network is
	// acyclic), so every reduced cost starts ≥ 0.
	rank := int64(0)
	for k, i := range in.order {
		net.pairEdge[i] = -1
		if in.units[i] > 0 {
			n, a := in.need[i], achBase+in.ach[i]
			c := cost{-in.units[i], -(int64(positive) - rank)}
			rank++
			net.pairEdge[i] = addEdge(n, a, 1, c)
			net.pot[a] = minCost(net.pot[a], c)
		}
		n := in.need[i]
		if last := k == len(in.order)-1 || in.need[in.order[k+1]] != n; last && needDeg[n] > 0 {
			net.excess[n] = limit(caps.PerNeed, needDeg[n])
			addEdge(n, sink, net.excess[n], cost{})
		}
	}
	// Achievement edges: to the owner, or to the sink for an achievement
	// that is its own owner.
	net.achEdge = make([]int32, nAchs)
	ownerCap := make([]int32, in.owners) // sum of its achievements' caps (≤ MaxPairs)
	for a := range nAchs {
		net.achEdge[a] = -1
		if achDeg[a] == 0 {
			continue
		}
		capacity := limit(caps.PerAchievement, achDeg[a])
		node := achBase + a
		if o := in.owner[a]; o >= 0 {
			net.achEdge[a] = addEdge(node, ownerBase+o, capacity, cost{})
			ownerCap[o] += capacity
			net.pot[ownerBase+o] = minCost(net.pot[ownerBase+o], net.pot[node])
		} else {
			net.achEdge[a] = addEdge(node, sink, limit(caps.PerOwner, capacity), cost{})
			net.pot[sink] = minCost(net.pot[sink], net.pot[node])
		}
	}
	net.ownerEdge = make([]int32, in.owners)
	for o := range int32(in.owners) {
		net.ownerEdge[o] = -1
		if ownerCap[o] == 0 {
			continue
		}
		net.ownerEdge[o] = addEdge(ownerBase+o, sink, limit(caps.PerOwner, ownerCap[o]), cost{})
		net.pot[sink] = minCost(net.pot[sink], net.pot[ownerBase+o])
	}

	// Adjacency in edge order (deterministic).
	net.start = make([]int32, nodes+1)
	for _, u := range from {
		net.start[u+1]++
	}
	for v := range nodes {
		net.start[v+1] += net.start[v]
	}
	fill := slices.Clone(net.start[:nodes])
	net.adj = make([]int32, len(from))
	for e, u := range from {
		net.adj[fill[u]] = int32(e)
		fill[u]++
	}

	net.dist = make([]cost, nodes)
	net.prev = make([]int32, nodes)
	net.seen = make([]uint32, nodes)
	net.done = make([]uint32, nodes)
	return net
}

func minCost(a, b cost) cost {
	if b.less(a) {
		return b
	}
	return a
}

// run places every need's units, need by need, checking ctx before each
// need.
func (net *network) run(ctx context.Context) error {
	for n := range net.needs {
		if err := ctx.Err(); err != nil {
			return err
		}
		for net.excess[n] > 0 {
			net.search(n)
			net.augment(n)
		}
		net.needsDone++
	}
	return nil
}

// search runs Dijkstra's algorithm on reduced costs from src until the
// sink is settled (it always is: src's unplaced edge leads there), leaving
// prev as the shortest-path tree, then lowers each settled node's potential
// by dist(sink)−dist(v), which keeps every reduced cost ≥ 0 and makes those
// on shortest paths to the sink 0.
func (net *network) search(src int32) {
	net.epoch++
	if net.epoch == 0 { // wrapped: forget every old mark
		clear(net.seen)
		clear(net.done)
		net.epoch = 1
	}
	ep := net.epoch
	net.settled = net.settled[:0]
	net.heap = net.heap[:0]
	net.dist[src], net.seen[src], net.prev[src] = cost{}, ep, -1
	net.push(item{v: src})
	for len(net.heap) > 0 {
		it := net.pop()
		v := it.v
		if net.done[v] == ep {
			continue // stale entry
		}
		net.done[v] = ep
		net.settled = append(net.settled, v)
		if v == net.sink {
			break
		}
		pv := net.pot[v]
		for _, e := range net.adj[net.start[v]:net.start[v+1]] {
			if net.res[e] == 0 {
				continue
			}
			w := net.to[e]
			if net.done[w] == ep {
				continue
			}
			d := it.d.add(net.cost[e]).add(pv).sub(net.pot[w])
			if net.seen[w] != ep || d.less(net.dist[w]) {
				net.dist[w], net.prev[w], net.seen[w] = d, e, ep
				net.push(item{d: d, v: w})
			}
		}
	}
	ds := net.dist[net.sink]
	for _, v := range net.settled {
		net.pot[v] = net.pot[v].add(net.dist[v]).sub(ds)
	}
}

// augment sends as much as possible of src's excess along the path to the
// sink found by search.
func (net *network) augment(src int32) {
	f := net.excess[src]
	for v := net.sink; v != src; {
		e := net.prev[v]
		f = min(f, net.res[e])
		v = net.to[e^1]
	}
	for v := net.sink; v != src; {
		e := net.prev[v]
		net.res[e] -= f
		net.res[e^1] += f
		v = net.to[e^1]
	}
	net.excess[src] -= f
}

func (net *network) push(it item) {
	h := append(net.heap, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !it.d.less(h[p].d) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	net.heap = h
}

func (net *network) pop() item {
	h := net.heap
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	n := len(h)
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].d.less(h[c].d) {
			c++
		}
		if !h[c].d.less(last.d) {
			break
		}
		h[i] = h[c]
		i = c
	}
	if n > 0 {
		h[i] = last
	}
	net.heap = h
	return top
}

// result reads the chosen pairs and the displacement reasons off the
// optimal flow.
func (net *network) result(in *instance, pairs []Pair) Result {
	r := Result{Displaced: make(map[PairKey]Reason, len(pairs))}
	var chosen []int32
	for i, p := range pairs {
		e := net.pairEdge[i]
		switch {
		case e < 0:
			r.Displaced[p.Key()] = ReasonNotPositive
		case net.res[e] == 0:
			chosen = append(chosen, int32(i))
		default:
			a := in.ach[i]
			o := in.owner[a]
			switch {
			case net.res[net.achEdge[a]] == 0:
				r.Displaced[p.Key()] = ReasonAchievementFull
			case o >= 0 && net.res[net.ownerEdge[o]] == 0:
				r.Displaced[p.Key()] = ReasonOwnerFull
			default:
				r.Displaced[p.Key()] = ReasonNeedFull
			}
		}
	}
	slices.SortFunc(chosen, func(x, y int32) int {
		return cmp.Or(cmp.Compare(in.need[x], in.need[y]), cmp.Compare(pairs[y].Score, pairs[x].Score),
			cmp.Compare(in.ach[x], in.ach[y]))
	})
	r.Chosen = make([]Pair, len(chosen))
	for k, i := range chosen {
		r.Chosen[k] = pairs[i]
		r.Total += pairs[i].Score
	}
	return r
}
