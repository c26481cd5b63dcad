// A Go program rawsys preload --seccomp is tested on: Go makes its own system calls (no libc), so
// LD_PRELOAD never sees them. Creates DIR/g, writes it, stats it, reads it back and removes it.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: files-go DIR")
		os.Exit(2)
	}
	path := os.Args[1] + "/g"
	if err := os.WriteFile(path, []byte("hello from go\n"), 0644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	info, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("size", info.Size())
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Print("read: ", string(data))
	if err := os.Remove(path); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("done")
}
