package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/server"
	"github.com/techmatch/techmatch/segment"
)

// A platform mounts the service under its own mux; writes through PUT
// are seen by the next match.
func Example() {
	ctx := context.Background()
	seg, err := segment.Default()
	if err != nil {
		panic(err)
	}
	idx, err := index.New[techmatch.Achievement](ctx, index.Config{Segmenter: seg})
	if err != nil {
		panic(err)
	}
	defer idx.Close()
	eng, err := match.New(ctx, idx, match.Config{})
	if err != nil {
		panic(err)
	}
	srv, err := server.New(eng, server.Config{Achievements: idx})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/techmatch/", http.StripPrefix("/techmatch", srv))
	hs := httptest.NewServer(mux)
	defer hs.Close()

	put, _ := http.NewRequest(http.MethodPut, hs.URL+"/techmatch/v1/achievements/A1",
		strings.NewReader(`{"title":"激光熔覆修复模具型面","description":"激光熔覆堆焊修复磨损的冲压模具型面，提高表面硬度。"}`))
	resp, err := http.DefaultClient.Do(put)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("PUT", resp.StatusCode)

	resp, err = http.Post(hs.URL+"/techmatch/v1/match/need", "application/json",
		strings.NewReader(`{"need":{"id":"N1","title":"冲压模具型面磨损修复"},"top":3,"explain":false}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var got server.MatchResponse
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		panic(err)
	}
	for _, p := range got.Pairs {
		fmt.Println(p.Rank, p.AchievementID)
	}
	// Output:
	// PUT 201
	// 1 A1
}
