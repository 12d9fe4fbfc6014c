        return x;
