// nothing here, see thesis/
