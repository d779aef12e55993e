package contingencytest_test

import (
	"testing"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/contingency/contingencytest"
)

func TestStoreMemStore(t *testing.T) {
	contingencytest.TestStore(t, func(*testing.T) contingency.Store { return contingency.NewMemStore() })
}

func TestStoreZeroMemStore(t *testing.T) {
	contingencytest.TestStore(t, func(*testing.T) contingency.Store { return &contingency.MemStore{} })
}
